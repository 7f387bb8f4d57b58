"""Privacy tools: everything held about one student, for the student, their family or their school."""
