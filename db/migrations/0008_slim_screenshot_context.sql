-- Version 2 of both escalation paths keeps only how many screenshots an incident has in the
-- machine's context: each file's facts (name, size, type, SHA-256, storage path) are already in
-- evidence_files. Snapshots stored by version 1 carry the whole list; they are rewritten here.
UPDATE `incidents`
SET `snapshot` = json_set(
      json_remove(`snapshot`, '$.context.screenshots'),
      '$.context.screenshotCount',
      json_array_length(`snapshot`, '$.context.screenshots')
    ),
    `machine_version` = 2
WHERE `machine_version` = 1 AND json_type(`snapshot`, '$.context.screenshots') = 'array';
