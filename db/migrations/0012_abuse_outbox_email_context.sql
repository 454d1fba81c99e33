-- Since decision 0018 an abuse report's outbox row stores only what its email may know
-- (staffAbuseEmailContext in machines/staff-abuse.ts). Rows queued before it still hold the whole
-- report: the kind of abuse, the protected characteristic, the impact, the words of the report and
-- of each step. Each is cut down here to the same fields, whatever its status: a sent email's row
-- is kept, and copied with every backup, just like a pending one. `->` keeps each value's JSON
-- type (true stays true); a row already cut down comes out unchanged.
UPDATE `outbox`
SET `data` = json_set(`data`, '$.context', json_object(
      'reporter', `data` -> '$.context.reporter',
      'reportedAt', `data` -> '$.context.reportedAt',
      -- Only the nearest manager is ever named; the rest of the chain stays out.
      'managers', CASE WHEN json_array_length(`data`, '$.context.managers') > 0
                       THEN json_array(`data` -> '$.context.managers[0]') ELSE json_array() END,
      'supportingManager', `data` -> '$.context.supportingManager',
      'report', json_object(
        'platform', `data` -> '$.context.report.platform',
        'link', `data` -> '$.context.report.link',
        'happenedAt', `data` -> '$.context.report.happenedAt',
        'inDanger', `data` -> '$.context.report.inDanger'
      ),
      'wellbeingFollowUpDays', `data` -> '$.context.wellbeingFollowUpDays',
      'policeReminderHours', `data` -> '$.context.policeReminderHours',
      -- Who acted and when, never what they wrote.
      'support', CASE WHEN json_type(`data`, '$.context.support') = 'object'
                      THEN json_object('by', `data` -> '$.context.support.by', 'at', `data` -> '$.context.support.at') END,
      'removal', json_object(
        'requestedAt', `data` -> '$.context.removal.requestedAt',
        'communicationsHelpAsked', `data` -> '$.context.removal.communicationsHelpAsked'
      ),
      'outcome', CASE WHEN json_type(`data`, '$.context.outcome') = 'object'
                      THEN json_object('by', `data` -> '$.context.outcome.by', 'at', `data` -> '$.context.outcome.at') END
    ))
WHERE `incident_id` IN (SELECT `id` FROM `incidents` WHERE `kind` = 'staff_abuse');
