"""The personnel archive: employees, the organisation (departments, positions, competencies), reviews, the roster import."""
