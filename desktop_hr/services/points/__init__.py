"""Points: rules, the append-only ledger and its automatic awards, reports, incentives, rewards and milestones."""
