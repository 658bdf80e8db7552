"""Questions the data answers: what was valid on a date, areas and lengths, which zone held a
point, where a place is, and the events up to a day."""
