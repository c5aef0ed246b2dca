/* posture-snapshot.h: a tenant snapshot (format version 2, DESIGN.md), normalised
 *
 * The snapshot keeps the raw API payloads (so it can be saved, diffed and attached to
 * an audit) and a typed, normalised view of them that the controls evaluate. It is
 * immutable once loaded, so it may be read from a worker thread.
 *
 * Everything the controls read is typed here: tenant settings by dotted path, each
 * environment's BAP properties, its Dataverse row (columns matched case-insensitively, a
 * column the row lacks told apart from a null one) and its System Administrators, the
 * DLP policies, the tenant isolation policy, and the Microsoft Graph sources (Conditional
 * Access, security defaults, Global Administrators). Nothing outside the snapshot and the
 * controls reads the raw JSON to judge a setting.
 *
 * Version 1 files still load: the sources they lack are absent, and the controls that
 * need them are unknown ("this snapshot predates the control").
 *
 * A snapshot also has a serialised form (posture_snapshot_to_variant()) that loads without
 * parsing JSON, for the snapshot cache. Such a snapshot holds the typed view only: see
 * posture_snapshot_new_from_variant().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-types.h"

G_BEGIN_DECLS

#define POSTURE_SNAPSHOT_FORMAT_VERSION 2
/* Largest snapshot file accepted (a 10,000-environment tenant is about 20 MB). */
#define POSTURE_SNAPSHOT_MAX_SIZE (1024u * 1024u * 1024u)
/* Longest string a snapshot may hold (a Content-Security-Policy or an IP range list is a
 * few kilobytes); a longer one means the file is not a snapshot, and is refused. */
#define POSTURE_SNAPSHOT_MAX_STRING (1024u * 1024u)
/* Deepest nesting a snapshot may have (the payloads nest about 8 levels). */
#define POSTURE_SNAPSHOT_MAX_DEPTH 256

/* A scalar read from a payload, as sent (typed, never judged). */
typedef enum
{
  POSTURE_VALUE_ABSENT,   /* the member is not there (as a key) */
  POSTURE_VALUE_NULL,     /* null: a value (it counts as false, as not set) */
  POSTURE_VALUE_BOOLEAN,
  POSTURE_VALUE_INTEGER,  /* an integer, or a number without fraction */
  POSTURE_VALUE_STRING,
  POSTURE_VALUE_OTHER,    /* an object, an array, a number with a fraction */
} PostureValueKind;

typedef struct
{
  PostureValueKind  kind;
  gboolean          boolean;   /* POSTURE_VALUE_BOOLEAN */
  gint64            integer;   /* POSTURE_VALUE_INTEGER */
  char             *string;    /* POSTURE_VALUE_STRING: the text; _OTHER: what it was */
} PostureValue;

/* A value read as a switch: DESIGN.md's "missing = false" is POSTURE_FLAG_UNSET (absent
 * or null), which every control counts as false. */
typedef enum
{
  POSTURE_FLAG_UNSET,
  POSTURE_FLAG_TRUE,
  POSTURE_FLAG_FALSE,
  POSTURE_FLAG_INVALID,  /* neither a boolean nor "true"/"false" */
} PostureFlag;

/* Whether a source was read. */
typedef enum
{
  POSTURE_SOURCE_ABSENT,  /* the snapshot does not hold it (an older format, or not read) */
  POSTURE_SOURCE_READ,
  POSTURE_SOURCE_ERROR,   /* the service refused it: see PostureSourceError */
} PostureSourceState;

typedef enum
{
  POSTURE_SOURCE_TENANT_SETTINGS,
  POSTURE_SOURCE_TENANT_ISOLATION,
  POSTURE_SOURCE_ENVIRONMENTS,
  POSTURE_SOURCE_DLP_POLICIES,
  POSTURE_SOURCE_DATAVERSE,
  POSTURE_SOURCE_DATAVERSE_ADMINS,
  POSTURE_SOURCE_CONDITIONAL_ACCESS,
  POSTURE_SOURCE_SECURITY_DEFAULTS,
  POSTURE_SOURCE_GLOBAL_ADMINS,
} PostureSource;

/* An error entry: `{ "error": { "status": 403, "code": "…", "message": "…" } }`. Texts
 * have their control characters made visible. */
typedef struct
{
  guint  status;    /* HTTP status, 0 when unknown */
  char  *code;      /* nullable */
  char  *message;   /* nullable */
} PostureSourceError;

typedef enum
{
  POSTURE_ISOLATION_NOT_CONFIGURED, /* the API answered 404 (null in the snapshot) */
  POSTURE_ISOLATION_DISABLED,
  POSTURE_ISOLATION_ENABLED,
} PostureIsolationState;

typedef enum
{
  POSTURE_DATAVERSE_NONE,           /* linkedEnvironmentMetadata is null */
  POSTURE_DATAVERSE_READ,           /* its entry was read */
  POSTURE_DATAVERSE_ERROR,          /* reading it failed (403, …): results are unknown */
  POSTURE_DATAVERSE_MISSING,        /* has Dataverse but the snapshot holds no entry */
} PostureDataverseState;

typedef struct
{
  char     *tenant_id;
  gboolean  inbound;
  gboolean  outbound;
} PostureAllowedTenant;

/* One user of a System Administrator role copy (the five $select-ed columns). */
typedef struct
{
  PostureValue  systemuserid;
  PostureValue  isdisabled;
  PostureValue  accessmode;
  PostureValue  applicationid;
  PostureValue  azureactivedirectoryobjectid;
} PostureSystemUser;

typedef struct
{
  char                  *name;              /* environment name (a GUID, or Default-{tenant}) */
  char                  *display_name;
  char                  *sku;               /* environmentSku as sent: Production, Sandbox, … */
  char                  *location;
  gboolean               is_default;        /* isDefault true, else named Default-{tenant} */
  gboolean               has_dataverse;
  gboolean               managed;           /* governanceConfiguration.protectionLevel Standard */
  char                  *security_group_id; /* NULL when unset, empty or the zero GUID */
  char                  *limit_sharing_mode;/* NULL when absent (counts as noLimit) */
  gint64                 max_limit_user_sharing; /* -1 when absent */
  gboolean               cmk_linked;
  gboolean               vnet_linked;
  char                  *instance_url;
  PostureDataverseState  dataverse_state;
  /* The raw organizations row, or NULL (and always NULL in a snapshot loaded from its
   * serialised form): read the typed columns with posture_environment_get_column(). */
  JsonObject            *dataverse;
  guint                  dataverse_error_status;
  char                  *dataverse_error_message;
  char                  *protection_level;  /* governanceConfiguration.protectionLevel as sent */

  /* Format 2 */
  PostureValue *columns; /* the row's columns, see posture_dataverse_get_columns() */
  PostureDataverseState  admins_state;      /* dataverse_admins: NONE, READ, ERROR or MISSING */
  guint                  admins_error_status;
  char                  *admins_error_message;
  GPtrArray             *system_users;      /* of PostureSystemUser, every role copy's users */
  guint n_roles_without_users;              /* role copies without systemuserroles_association */
} PostureEnvironment;

typedef struct
{
  char       *name;
  char       *display_name;
  char       *environment_type;   /* AllEnvironments, OnlyEnvironments, ExceptEnvironments,
                                   * SingleEnvironment */
  GStrv       environments;       /* environment names listed by the policy */
  GPtrArray  *connector_groups;   /* of PostureConnectorGroup */
  GHashTable *environment_set;    /* private: lower-cased names of environments, for covers() */
  char       *default_classification; /* defaultConnectorsClassification, nullable */
} PostureDlpPolicy;

typedef struct
{
  char  *classification;         /* Confidential (business), General (non-business), Blocked */
  GStrv  connector_names;        /* display names */
  GStrv  connector_ids;
} PostureConnectorGroup;

/* A Conditional Access policy (conditionalAccess/policies), as sent. Lists absent in the
 * payload are empty (never NULL), except client_app_types: NULL when absent. */
typedef struct
{
  char     *id;
  char     *display_name;
  char     *state;                   /* enabled, disabled, enabledForReportingButNotEnforced */
  GStrv     include_applications;
  GStrv     exclude_applications;
  GStrv     include_users;
  GStrv     client_app_types;        /* nullable */
  char     *grant_operator;          /* AND, OR; nullable */
  GStrv     built_in_controls;
  gboolean  has_authentication_strength;
} PostureCaPolicy;

/* A directory object: a role assignment's principal or a group's transitive member. */
typedef struct
{
  gboolean  expanded;                /* FALSE: an assignment without its principal */
  char     *type;                    /* "#microsoft.graph.user", …; nullable */
  char     *id;
  char     *display_name;
  char     *user_principal_name;
} PosturePrincipal;

/* The transitive members of a group that holds Global Administrator. */
typedef struct
{
  char               *group_id;
  PostureSourceState  state;         /* ABSENT: the snapshot holds no entry for the group */
  PostureSourceError  error;
  GPtrArray          *members;       /* of PosturePrincipal */
} PostureGroupMembers;

const char * const *posture_dataverse_get_columns   (void);
const PostureValue *posture_environment_get_column  (const PostureEnvironment *env,
                                                     const char               *column);
PostureFlag         posture_value_get_flag          (const PostureValue       *value);
gboolean            posture_value_get_int           (const PostureValue       *value,
                                                     gint64                   *out_value);
char               *posture_value_describe          (const PostureValue       *value);
gboolean            posture_dlp_policy_covers       (const PostureDlpPolicy   *policy,
                                                     const char               *environment_name);

#define POSTURE_TYPE_SNAPSHOT (posture_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (PostureSnapshot, posture_snapshot, POSTURE, SNAPSHOT, GObject)

/* @origin names the source in error messages ("snapshot.json", "tenant contoso…").
 * Errors: POSTURE_JSON_ERROR_* for malformed or oversized input, POSTURE_SNAPSHOT_ERROR_INVALID
 * with the origin and the JSON path that was wrong ("sources.environments[3].properties:
 * unexpected a string"), POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION for a newer format.
 *
 * Every way in is held to the same bounds (nesting, string length), so that what one
 * accepts the others accept: new_from_json() checks the tree it is given (a live read),
 * new_from_data() and new_from_file() check the text before parsing it. */
PostureSnapshot          *posture_snapshot_new_from_json        (JsonNode         *root,
                                                                 const char       *origin,
                                                                 GError          **error);
PostureSnapshot          *posture_snapshot_new_from_data        (const char       *data,
                                                                 gsize             length,
                                                                 const char       *origin,
                                                                 GError          **error);
/* Regular files only (a FIFO or /dev/zero is refused at once), at most
 * POSTURE_SNAPSHOT_MAX_SIZE bytes; see posture_read_regular_file() for the errors. */
PostureSnapshot          *posture_snapshot_new_from_file        (const char       *path,
                                                                 GError          **error);
void                      posture_snapshot_new_from_file_async  (const char       *path,
                                                                 GCancellable     *cancellable,
                                                                 GAsyncReadyCallback callback,
                                                                 gpointer          user_data);
PostureSnapshot          *posture_snapshot_new_from_file_finish (GAsyncResult     *result,
                                                                 GError          **error);

/* The serialised form, for the snapshot cache: a GVariant of type
 * POSTURE_SNAPSHOT_VARIANT_TYPE that holds everything the controls read (the typed view,
 * the warnings, the identity of the tenant), and no raw payloads. Loading it parses no
 * JSON: map the file and wrap it with
 *   g_variant_new_from_bytes (G_VARIANT_TYPE (POSTURE_SNAPSHOT_VARIANT_TYPE), bytes, FALSE)
 * (damaged data is safe: GVariant never reads out of bounds; what does not make sense is
 * refused with POSTURE_SNAPSHOT_ERROR_INVALID).
 *
 * A snapshot loaded from a variant has no raw document: posture_snapshot_has_json() is
 * FALSE, posture_snapshot_get_json(), posture_snapshot_to_data() and
 * posture_snapshot_get_tenant_settings() return NULL, and PostureEnvironment.dataverse is
 * NULL. Keep the JSON file beside the variant and load it with
 * posture_snapshot_new_from_file() when the raw document is needed (export, diff, audit).
 * Assessing it gives exactly what assessing the JSON gives.
 *
 * The type string begins with the layout version: a cache written by another layout is
 * a different type, refused as invalid (rebuild it from the JSON). */
#define POSTURE_SNAPSHOT_VARIANT_TYPE                                                    \
  "(uuayuuumxauaya(yuuu)auauauaxauua(ubb)auax"                                           \
  "a(uuuuaua(uauau))a(uuuauauauaubuaub)ua(buuuu)a(uyuuua(buuuu)))"
GVariant                 *posture_snapshot_to_variant           (PostureSnapshot  *self);
PostureSnapshot          *posture_snapshot_new_from_variant     (GVariant         *variant,
                                                                 GError          **error);

gboolean                  posture_snapshot_has_json             (PostureSnapshot  *self);
JsonNode                 *posture_snapshot_get_json             (PostureSnapshot  *self);
char                     *posture_snapshot_to_data              (PostureSnapshot  *self,
                                                                 gsize            *length);
/* The format version the snapshot was written in (1 or 2). */
guint                     posture_snapshot_get_format_version   (PostureSnapshot  *self);
const char               *posture_snapshot_get_tenant_id        (PostureSnapshot  *self);
const char               *posture_snapshot_get_tenant_name      (PostureSnapshot  *self);
const char               *posture_snapshot_get_cloud            (PostureSnapshot  *self);
GDateTime                *posture_snapshot_get_captured_at      (PostureSnapshot  *self);
PostureSourceState        posture_snapshot_get_source_state     (PostureSnapshot  *self,
                                                                 PostureSource     source);
/* The error of a Graph source in state POSTURE_SOURCE_ERROR, else NULL. */
const PostureSourceError *posture_snapshot_get_source_error     (PostureSnapshot  *self,
                                                                 PostureSource     source);

/* Tenant settings, by dotted path matched per segment case-insensitively: never NULL; a
 * setting the snapshot does not hold is POSTURE_VALUE_ABSENT (the service's default,
 * false). */
const PostureValue       *posture_snapshot_get_setting          (PostureSnapshot  *self,
                                                                 const char       *dotted_path);
guint                     posture_snapshot_get_n_settings       (PostureSnapshot  *self);
/* The raw listTenantSettings object (NULL when absent or loaded from a variant). */
JsonObject               *posture_snapshot_get_tenant_settings  (PostureSnapshot  *self);

PostureIsolationState     posture_snapshot_get_isolation_state  (PostureSnapshot  *self);
GPtrArray                *posture_snapshot_get_allowed_tenants  (PostureSnapshot  *self);

guint                     posture_snapshot_get_n_environments   (PostureSnapshot  *self);
const PostureEnvironment *posture_snapshot_get_environment      (PostureSnapshot  *self,
                                                                 guint             position);
const PostureEnvironment *posture_snapshot_lookup_environment   (PostureSnapshot  *self,
                                                                 const char       *name);
/* The environment with isDefault true, else the one named Default-{tenant id}; NULL when
 * the snapshot holds neither. */
const PostureEnvironment *posture_snapshot_get_default_environment (PostureSnapshot *self);

guint                     posture_snapshot_get_n_dlp_policies   (PostureSnapshot  *self);
const PostureDlpPolicy   *posture_snapshot_get_dlp_policy       (PostureSnapshot  *self,
                                                                 guint             position);

guint                     posture_snapshot_get_n_ca_policies    (PostureSnapshot  *self);
const PostureCaPolicy    *posture_snapshot_get_ca_policy        (PostureSnapshot  *self,
                                                                 guint             position);
/* identitySecurityDefaultsEnforcementPolicy's isEnabled (ABSENT when not read). */
const PostureValue       *posture_snapshot_get_security_defaults (PostureSnapshot *self);
guint                     posture_snapshot_get_n_role_assignments (PostureSnapshot *self);
const PosturePrincipal   *posture_snapshot_get_role_assignment  (PostureSnapshot  *self,
                                                                 guint             position);
/* The transitive members of @group_id (matched case-insensitively); NULL when the
 * snapshot holds no entry for it. */
const PostureGroupMembers *posture_snapshot_lookup_group_members (PostureSnapshot *self,
                                                                  const char      *group_id);

/* The reader's notes (the snapshot's "warnings": a dropped column, a Graph 403, …)
 * followed by the problems found while normalising that do not make the snapshot
 * unusable (an environment listed twice, …). The engine adds them to its warnings. */
const char * const       *posture_snapshot_get_warnings         (PostureSnapshot  *self);

G_END_DECLS
