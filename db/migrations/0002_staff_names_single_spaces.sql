-- Names typed before spacing was normalised ("Đỗ   Thị   Lan"): tabs, line breaks and no-break
-- spaces become spaces, runs of spaces are halved until one is left (six passes cover 64), ends trimmed.
UPDATE `staff` SET `full_name` = trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(`full_name`,
  char(9), ' '), char(10), ' '), char(13), ' '), char(160), ' '),
  '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '));--> statement-breakpoint
UPDATE `staff` SET `full_name` = replace(`full_name`, '  ', ' ');
