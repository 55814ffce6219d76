-- The bot that posted a message (a bot token or an incoming webhook): its ids, and its Slack bot_profile as JSON
-- as it was when it posted, so reading history needs no lookup in the workspace service.
ALTER TABLE message ADD COLUMN bot_id VARCHAR(24) NULL;
ALTER TABLE message ADD COLUMN app_id VARCHAR(24) NULL;
ALTER TABLE message ADD COLUMN bot_profile MEDIUMTEXT NULL;
