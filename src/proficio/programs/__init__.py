"""Networks and coaching programs: the work of a network of schools moving to proficiency-based learning."""
