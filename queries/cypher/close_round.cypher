// close_round: mark a round closed; closing it again keeps the first time.
// Parameters: $id, $at (ISO time). Returns: id (no row for an unknown round).
MATCH (s:SurveyRound {id: $id})
SET s.closed_at = coalesce(s.closed_at, $at)
RETURN s.id AS id
