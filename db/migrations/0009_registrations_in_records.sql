-- Registrations move into the records store: every version becomes a record of type 'registration'
-- whose content is the record as it travels, format 1 (electron/services/registration/record.ts), the
-- unit's details as this installation knows them. Our own versions keep each person's staff row as
-- `staff_id`, which never leaves the installation. An exported version is frozen, stamped with its
-- export time and the registration bundle signed at that moment; a received one keeps the bundle or
-- the entry on behalf it came in. json() keeps the arrays JSON through the subqueries.
INSERT INTO `records` (`record_id`, `version`, `type`, `owner_code`, `group_code`, `year`, `status`, `content`, `bundle_id`, `updated_at`)
SELECT
  r.`record_id`, r.`version`, 'registration', r.`unit_code`, r.`group_code`, r.`year`,
  CASE r.`status` WHEN 'exported' THEN 'frozen' ELSE r.`status` END,
  json_object(
    'record_id', r.`record_id`,
    'type', 'registration',
    'version', r.`version`,
    'unit', json_object('code', u.`code`, 'name', u.`name`, 'kind', u.`kind`, 'province', u.`province`, 'parent_name', u.`parent_name`),
    'group', json_object('code', r.`group_code`, 'year', r.`year`),
    'document', json_object(
      'number_symbol', r.`number_symbol`, 'place', r.`place`, 'date', r.`document_date`,
      'signer_authority', r.`signer_authority`, 'signer_title', r.`signer_title`, 'signer_name', r.`signer_name`,
      'recipients', json(r.`recipients`)),
    'collective', json((
      SELECT json_group_array(json_object('title_code', t.`title_code`, 'note', t.`note`) ORDER BY t.`sort_order`)
      FROM `registration_targets` t
      WHERE t.`record_id` = r.`record_id` AND t.`version` = r.`version` AND t.`scope` = 'collective')),
    'individuals', json((
      SELECT json_group_array(
        CASE WHEN t.`staff_id` IS NULL
          THEN json_object('full_name', coalesce(t.`person_name`, ''), 'birth_year', t.`birth_year`, 'gender', coalesce(t.`gender`, 'nam'),
            'position', coalesce(t.`position`, ''), 'department', coalesce(t.`department`, ''), 'title_code', t.`title_code`)
          ELSE json_object('full_name', coalesce(t.`person_name`, ''), 'birth_year', t.`birth_year`, 'gender', coalesce(t.`gender`, 'nam'),
            'position', coalesce(t.`position`, ''), 'department', coalesce(t.`department`, ''), 'title_code', t.`title_code`, 'staff_id', t.`staff_id`)
        END ORDER BY t.`sort_order`)
      FROM `registration_targets` t
      WHERE t.`record_id` = r.`record_id` AND t.`version` = r.`version` AND t.`scope` = 'individual')),
    'commitments', json((
      SELECT json_group_array(json_object('kind', c.`kind`, 'content', c.`content`) ORDER BY c.`sort_order`)
      FROM `registration_commitments` c
      WHERE c.`record_id` = r.`record_id` AND c.`version` = r.`version`))),
  CASE r.`status`
    WHEN 'exported' THEN (
      SELECT s.`bundle_id` FROM `sent_bundles` s
      WHERE s.`kind` = 'registration' AND s.`group_code` = r.`group_code` AND s.`year` = r.`year` AND s.`created_at` = r.`exported_at`
      ORDER BY s.`seq` LIMIT 1)
    ELSE r.`received_bundle_id`
  END,
  CASE r.`status` WHEN 'exported' THEN coalesce(r.`exported_at`, r.`updated_at`) ELSE r.`updated_at` END
FROM `registrations` r
JOIN `units` u ON u.`code` = r.`unit_code`;--> statement-breakpoint
DROP TABLE `registration_commitments`;--> statement-breakpoint
DROP TABLE `registration_targets`;--> statement-breakpoint
DROP TABLE `registrations`;
