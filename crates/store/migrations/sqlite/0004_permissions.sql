CREATE TABLE users_objectpermission (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "object_types" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "constraints" TEXT
);

CREATE INDEX ix_users_objectpermission__ordering ON users_objectpermission ("name", "id");

CREATE TABLE users_objectpermission_users (
    user_id INTEGER NOT NULL REFERENCES users_user (id) ON DELETE CASCADE,
    objectpermission_id INTEGER NOT NULL REFERENCES users_objectpermission (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, objectpermission_id)
);

CREATE INDEX ix_users_objectpermission_users__objectpermission_id ON users_objectpermission_users (objectpermission_id);

CREATE TABLE users_objectpermission_groups (
    group_id INTEGER NOT NULL REFERENCES users_group (id) ON DELETE CASCADE,
    objectpermission_id INTEGER NOT NULL REFERENCES users_objectpermission (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, objectpermission_id)
);

CREATE INDEX ix_users_objectpermission_groups__objectpermission_id ON users_objectpermission_groups (objectpermission_id);

CREATE TABLE users_userconfig (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL CONSTRAINT uq_users_userconfig__user_id UNIQUE CONSTRAINT fk_users_userconfig__user_id REFERENCES users_user (id) ON DELETE CASCADE,
    data TEXT NOT NULL DEFAULT '{}'
);
