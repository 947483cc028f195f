"""Requirements and eligibility: credits and hours, the credit-recognition table, requirements and their verdicts."""
