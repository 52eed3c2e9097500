-- clear_loads: empty the load log (only `Store.clear`; a replace keeps the log).
-- Parameters: none. Returns: nothing.
DELETE FROM loads
