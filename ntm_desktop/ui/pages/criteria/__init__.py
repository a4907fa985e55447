"""The criteria page: the set in force for a year, the commune's values, and the editor."""
