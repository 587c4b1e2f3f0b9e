CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "PrefersDarkMode" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123152600_InitialSchema', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "TimestampUtc" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "ActorKind" TEXT NOT NULL,
    "ClientAddress" TEXT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE TABLE "ResellerKey" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ResellerKey" PRIMARY KEY,
    "ProtectedKey" TEXT NOT NULL,
    "Fingerprint" TEXT NOT NULL,
    "SetBy" TEXT NOT NULL,
    "SetUtc" TEXT NOT NULL,
    "LastTestUtc" TEXT NULL,
    "LastTestOk" INTEGER NULL,
    "LastTestLatencyMs" INTEGER NULL,
    "LastTestProblem" TEXT NULL
);

CREATE INDEX "IX_AuditEntries_Action_TimestampUtc" ON "AuditEntries" ("Action", "TimestampUtc");

CREATE INDEX "IX_AuditEntries_Actor_TimestampUtc" ON "AuditEntries" ("Actor", "TimestampUtc");

CREATE INDEX "IX_AuditEntries_TimestampUtc" ON "AuditEntries" ("TimestampUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123153422_AuditAndResellerKey', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ApiUsers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiUsers" PRIMARY KEY AUTOINCREMENT,
    "ApiKey" TEXT NOT NULL,
    "ProtectedToken" TEXT NOT NULL,
    "TokenHash" BLOB NOT NULL,
    "IPv4" TEXT NULL,
    "IPv6" TEXT NULL,
    "StartTimeUtc" TEXT NOT NULL,
    "EndTimeUtc" TEXT NOT NULL,
    "IsAdmin" INTEGER NOT NULL,
    "IsDeleted" INTEGER NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "LastUsedUtc" TEXT NULL
);

CREATE TABLE "ApiSessionTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiSessionTokens" PRIMARY KEY AUTOINCREMENT,
    "TokenHash" BLOB NOT NULL,
    "ApiUserId" INTEGER NOT NULL,
    "ExpiresUtc" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ApiSessionTokens_ApiUsers_ApiUserId" FOREIGN KEY ("ApiUserId") REFERENCES "ApiUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ApiSessionTokens_ApiUserId" ON "ApiSessionTokens" ("ApiUserId");

CREATE INDEX "IX_ApiSessionTokens_ExpiresUtc" ON "ApiSessionTokens" ("ExpiresUtc");

CREATE UNIQUE INDEX "IX_ApiSessionTokens_TokenHash" ON "ApiSessionTokens" ("TokenHash");

CREATE UNIQUE INDEX "IX_ApiUsers_ApiKey" ON "ApiUsers" ("ApiKey");

CREATE INDEX "IX_ApiUsers_TokenHash" ON "ApiUsers" ("TokenHash");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123154058_ApiUsers', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "InvitationJobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_InvitationJobs" PRIMARY KEY,
    "CreatedBy" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "PauseReason" TEXT NULL,
    "PausedUtc" TEXT NULL,
    "PausedKeyFingerprint" TEXT NULL,
    "Total" INTEGER NOT NULL,
    "Invited" INTEGER NOT NULL,
    "Exists" INTEGER NOT NULL,
    "AlreadyInvited" INTEGER NOT NULL,
    "Failed" INTEGER NOT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseExpiresUtc" TEXT NULL,
    "FinishedUtc" TEXT NULL
);

CREATE TABLE "InvitationItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InvitationItems" PRIMARY KEY AUTOINCREMENT,
    "JobId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Computers" INTEGER NOT NULL,
    "BatchNumber" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "FailureReason" TEXT NULL,
    "RawStatus" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastAttemptUtc" TEXT NULL,
    "SendInFlight" INTEGER NOT NULL,
    "EarlierOutcomeUnknown" INTEGER NOT NULL,
    "AlreadyInvitedAfterUnknownOutcome" INTEGER NOT NULL,
    CONSTRAINT "FK_InvitationItems_InvitationJobs_JobId" FOREIGN KEY ("JobId") REFERENCES "InvitationJobs" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_InvitationItems_JobId_Email" ON "InvitationItems" ("JobId", "Email");

CREATE INDEX "IX_InvitationItems_JobId_State_BatchNumber" ON "InvitationItems" ("JobId", "State", "BatchNumber");

CREATE INDEX "IX_InvitationJobs_CreatedUtc" ON "InvitationJobs" ("CreatedUtc");

CREATE INDEX "IX_InvitationJobs_Status" ON "InvitationJobs" ("Status");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123154827_Invitations', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "PreferredCulture" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123181159_StaffPreferredCulture', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
SELECT '5d2f1f9e-6a0b-4c1e-9a53-2b7a0c8e1a01', 'Admin', 'ADMIN', '0b8e6a52-3f0c-4a6e-8f3d-6c1a9e2b7d01'
WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoles" WHERE "NormalizedName" = 'ADMIN');

INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
SELECT '5d2f1f9e-6a0b-4c1e-9a53-2b7a0c8e1a02', 'Operator', 'OPERATOR', '0b8e6a52-3f0c-4a6e-8f3d-6c1a9e2b7d02'
WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoles" WHERE "NormalizedName" = 'OPERATOR');

INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
SELECT '5d2f1f9e-6a0b-4c1e-9a53-2b7a0c8e1a03', 'Viewer', 'VIEWER', '0b8e6a52-3f0c-4a6e-8f3d-6c1a9e2b7d03'
WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoles" WHERE "NormalizedName" = 'VIEWER');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202103020_StaffRoles', '10.0.15');

COMMIT;

