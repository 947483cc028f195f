"""The points tab, rewards and the point rules dialog."""
