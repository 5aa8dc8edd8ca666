"""Reporting rounds: who sends which figure (units.py), the rounds that ask for a year's figures by
a deadline and where each unit stands (rounds.py), the submissions units send (submit.py), and the
office's review that puts them in force or returns them (review.py). Tables in
queries/schema/02r_reporting.sql; the default assignment in queries/schema/12a_assigned_cells.sql."""
