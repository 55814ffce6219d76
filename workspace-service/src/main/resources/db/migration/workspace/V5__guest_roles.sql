-- Room for every role name, the longest being single_channel_guest.
ALTER TABLE workspace_user MODIFY COLUMN role VARCHAR(32) NOT NULL;
