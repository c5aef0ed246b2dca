/* posture-snapshot.h: a tenant snapshot (format version 1, DESIGN.md), normalised
 *
 * The snapshot keeps the raw API payloads (so it can be saved, diffed and attached to
 * an audit) and a typed, normalised view of them that the engine evaluates and the
 * Policies view shows. It is immutable once loaded, so it may be read from a worker
 * thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-types.h"

G_BEGIN_DECLS

#define POSTURE_SNAPSHOT_FORMAT_VERSION 1
/* Largest snapshot file accepted (a 10,000-environment tenant is about 20 MB). */
#define POSTURE_SNAPSHOT_MAX_SIZE (1024u * 1024u * 1024u)
/* Longest string a snapshot may hold (a Content-Security-Policy or an IP range list is a
 * few kilobytes); a longer one means the file is not a snapshot, and is refused. */
#define POSTURE_SNAPSHOT_MAX_STRING (1024u * 1024u)

typedef enum
{
  POSTURE_ISOLATION_NOT_CONFIGURED, /* the API answered 404 (null in the snapshot) */
  POSTURE_ISOLATION_DISABLED,
  POSTURE_ISOLATION_ENABLED,
} PostureIsolationState;

typedef enum
{
  POSTURE_DATAVERSE_NONE,           /* linkedEnvironmentMetadata is null */
  POSTURE_DATAVERSE_READ,           /* its organizations row was read */
  POSTURE_DATAVERSE_ERROR,          /* reading it failed (403, …): results are unknown */
  POSTURE_DATAVERSE_MISSING,        /* has Dataverse but the snapshot holds no entry */
} PostureDataverseState;

typedef struct
{
  char     *tenant_id;
  gboolean  inbound;
  gboolean  outbound;
} PostureAllowedTenant;

typedef struct
{
  char                  *name;              /* environment name (a GUID, or Default-{tenant}) */
  char                  *display_name;
  char                  *sku;               /* environmentSku as sent: Production, Sandbox, … */
  char                  *location;
  gboolean               is_default;
  gboolean               has_dataverse;
  gboolean               managed;           /* governanceConfiguration.protectionLevel Standard */
  char                  *security_group_id; /* NULL when unset, empty or the zero GUID */
  char                  *limit_sharing_mode;/* NULL when absent (counts as noLimit) */
  gint64                 max_limit_user_sharing; /* -1 when absent */
  gboolean               cmk_linked;
  gboolean               vnet_linked;
  char                  *instance_url;
  PostureDataverseState  dataverse_state;
  JsonObject            *dataverse;         /* the organizations row, or NULL */
  guint                  dataverse_error_status;
  char                  *dataverse_error_message;
  char                  *protection_level;  /* added: governanceConfiguration.protectionLevel as sent */
} PostureEnvironment;

typedef struct
{
  char      *name;
  char      *display_name;
  char      *environment_type;   /* AllEnvironments, OnlyEnvironments, ExceptEnvironments */
  GStrv      environments;       /* environment names listed by the policy */
  GPtrArray *connector_groups;   /* of PostureConnectorGroup */
  GHashTable *environment_set;   /* private: lower-cased names of environments, for covers() */
} PostureDlpPolicy;

typedef struct
{
  char  *classification;         /* Confidential (business), General (non-business), Blocked */
  GStrv  connector_names;        /* display names */
  GStrv  connector_ids;
} PostureConnectorGroup;

#define POSTURE_TYPE_SNAPSHOT (posture_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (PostureSnapshot, posture_snapshot, POSTURE, SNAPSHOT, GObject)

/* @origin names the source in error messages ("snapshot.json", "tenant contoso…").
 * Errors: POSTURE_JSON_ERROR_* for malformed input, POSTURE_SNAPSHOT_ERROR_INVALID with the
 * origin and the JSON path that was wrong ("sources.environments[3].properties: expected an
 * object, found a string"), POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION for a newer format. */
PostureSnapshot          *posture_snapshot_new_from_json        (JsonNode         *root,
                                                                 const char       *origin,
                                                                 GError          **error);
/* Added: parses @data (bounded depth and string length) and normalises it. */
PostureSnapshot          *posture_snapshot_new_from_data        (const char       *data,
                                                                 gsize             length,
                                                                 const char       *origin,
                                                                 GError          **error);
PostureSnapshot          *posture_snapshot_new_from_file        (const char       *path,
                                                                 GError          **error);
void                      posture_snapshot_new_from_file_async  (const char       *path,
                                                                 GCancellable     *cancellable,
                                                                 GAsyncReadyCallback callback,
                                                                 gpointer          user_data);
PostureSnapshot          *posture_snapshot_new_from_file_finish (GAsyncResult     *result,
                                                                 GError          **error);
JsonNode                 *posture_snapshot_get_json             (PostureSnapshot  *self);
char                     *posture_snapshot_to_data              (PostureSnapshot  *self,
                                                                 gsize            *length);
const char               *posture_snapshot_get_tenant_id        (PostureSnapshot  *self);
const char               *posture_snapshot_get_tenant_name      (PostureSnapshot  *self);
const char               *posture_snapshot_get_cloud            (PostureSnapshot  *self);
GDateTime                *posture_snapshot_get_captured_at      (PostureSnapshot  *self);
JsonObject               *posture_snapshot_get_tenant_settings  (PostureSnapshot  *self);
PostureIsolationState     posture_snapshot_get_isolation_state  (PostureSnapshot  *self);
GPtrArray                *posture_snapshot_get_allowed_tenants  (PostureSnapshot  *self);
guint                     posture_snapshot_get_n_environments   (PostureSnapshot  *self);
const PostureEnvironment *posture_snapshot_get_environment      (PostureSnapshot  *self,
                                                                 guint             position);
const PostureEnvironment *posture_snapshot_lookup_environment   (PostureSnapshot  *self,
                                                                 const char       *name);
const PostureEnvironment *posture_snapshot_get_default_environment (PostureSnapshot *self);
guint                     posture_snapshot_get_n_dlp_policies   (PostureSnapshot  *self);
const PostureDlpPolicy   *posture_snapshot_get_dlp_policy       (PostureSnapshot  *self,
                                                                 guint             position);
gboolean                  posture_dlp_policy_covers             (const PostureDlpPolicy *policy,
                                                                 const char       *environment_name);
/* Added: whether the snapshot holds @source ("tenant_settings", "tenant_isolation",
 * "environments", "dlp_policies", "dataverse"); results that need a missing source are
 * unknown. */
gboolean                  posture_snapshot_has_source           (PostureSnapshot  *self,
                                                                 const char       *source);
/* Problems found while normalising that do not make the snapshot unusable (a source
 * missing, an environment skipped); the engine adds them to its warnings. */
const char * const       *posture_snapshot_get_warnings         (PostureSnapshot  *self);

G_END_DECLS
