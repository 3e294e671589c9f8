"""Information requests: drafting and sending, answers and objections item by item, the chronology."""
