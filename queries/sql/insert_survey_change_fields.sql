-- insert_survey_change_fields: one proposed field value of a correction (once per field).
-- Parameters: :change_id, :field (name, areas, expertise or contact), :value. Returns: nothing.
INSERT INTO survey_change_fields (change_id, field, value) VALUES (:change_id, :field, :value)
