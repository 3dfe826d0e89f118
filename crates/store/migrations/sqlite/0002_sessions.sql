CREATE TABLE ironbox_session (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_digest TEXT NOT NULL CONSTRAINT uq_ironbox_session__key_digest UNIQUE,
    user_id INTEGER CONSTRAINT fk_ironbox_session__user_id REFERENCES users_user (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    backend TEXT NOT NULL DEFAULT '',
    provider_sid TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    expires TEXT NOT NULL
);
CREATE INDEX ix_ironbox_session__user_id ON ironbox_session (user_id);
CREATE INDEX ix_ironbox_session__expires ON ironbox_session (expires);

CREATE TABLE ironbox_social_auth (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL CONSTRAINT fk_ironbox_social_auth__user_id REFERENCES users_user (id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    uid TEXT NOT NULL,
    extra_data TEXT NOT NULL DEFAULT '{}',
    created TEXT NOT NULL,
    last_login TEXT NOT NULL,
    CONSTRAINT uq_ironbox_social_auth__provider_uid UNIQUE (provider, uid)
);
CREATE INDEX ix_ironbox_social_auth__user_id ON ironbox_social_auth (user_id);
