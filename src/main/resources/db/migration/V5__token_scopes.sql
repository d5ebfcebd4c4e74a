-- Service tokens gain scopes (space-separated wire names). Tokens issued before scopes existed could do everything
-- with their service, so they keep every scope; new tokens get exactly what they are issued with.
ALTER TABLE service_tokens ADD COLUMN scopes VARCHAR(200) NOT NULL
    DEFAULT 'config:read config:write credentials:read events:subscribe';
ALTER TABLE service_tokens ALTER COLUMN scopes SET DEFAULT '';
