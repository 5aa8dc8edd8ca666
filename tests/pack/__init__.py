"""The meeting pack and the final-assessment deck and report."""
