/* posture-snapshot-private.h: the snapshot's instance, shared by its loaders
 *
 * posture-snapshot.c holds the class and its public API, posture-snapshot-json.c
 * normalises a JSON document into it, posture-snapshot-variant.c writes and reads the
 * serialised form, posture-snapshot-records.c holds the records' helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-snapshot.h"

G_BEGIN_DECLS

#define POSTURE_N_SOURCES (POSTURE_SOURCE_GLOBAL_ADMINS + 1)
/* The Dataverse columns Posture reads (posture_dataverse_get_columns()). */
#define POSTURE_N_DATAVERSE_COLUMNS 15

struct _PostureSnapshot
{
  GObject                parent_instance;

  /* Owned */
  JsonNode              *root;             /* NULL when loaded from a variant */
  char                  *tenant_id;
  char                  *tenant_name;
  char                  *cloud;
  GDateTime             *captured_at;
  GPtrArray             *allowed_tenants;  /* of PostureAllowedTenant */
  GPtrArray             *environments;     /* of PostureEnvironment */
  GHashTable            *by_name;          /* lower-cased name (owned) → PostureEnvironment */
  GPtrArray             *dlp_policies;     /* of PostureDlpPolicy */
  GHashTable            *settings;         /* lower-cased dotted path (owned) → PostureValue */
  GPtrArray             *ca_policies;      /* of PostureCaPolicy */
  PostureValue           security_defaults;
  GPtrArray             *assignments;      /* of PosturePrincipal */
  GPtrArray             *groups;           /* of PostureGroupMembers */
  GHashTable            *groups_by_id;     /* lower-cased id (owned) → PostureGroupMembers */
  GPtrArray             *warnings;         /* of char *, NULL-terminated */
  PostureSourceError     errors[POSTURE_N_SOURCES];

  /* Borrowed */
  JsonObject            *tenant_settings;  /* from root */
  const PostureEnvironment *default_environment;

  guint                  format_version;
  PostureSourceState     sources[POSTURE_N_SOURCES];
  PostureIsolationState  isolation_state;
};

/* Records */
void  _posture_value_clear                  (PostureValue       *value);
void  _posture_value_set_from_node          (PostureValue       *value,
                                             JsonNode           *node);
void  _posture_source_error_clear           (PostureSourceError *error);
void  _posture_allowed_tenant_free          (gpointer            data);
void  _posture_environment_free             (gpointer            data);
void  _posture_system_user_free             (gpointer            data);
void  _posture_dlp_policy_free              (gpointer            data);
void  _posture_connector_group_free         (gpointer            data);
void  _posture_ca_policy_free               (gpointer            data);
void  _posture_principal_free               (gpointer            data);
void  _posture_group_members_free           (gpointer            data);
int   _posture_dataverse_column_index       (const char         *column);
/* A hash table of strings matched in any case (ASCII), for ids and column names. */
guint    _posture_ascii_case_hash           (gconstpointer       key);
gboolean _posture_ascii_case_equal          (gconstpointer       a,
                                             gconstpointer       b);
gboolean _posture_dlp_policy_covers_key    (const PostureDlpPolicy *policy,
                                             const char         *key);
PostureEnvironment *_posture_environment_new (void);
PostureDlpPolicy   *_posture_dlp_policy_new  (void);

/* Building the instance: the loaders fill the fields, then call these. */
void  _posture_snapshot_warn                (PostureSnapshot    *self,
                                             const char         *format,
                                             ...) G_GNUC_PRINTF (2, 3);
void  _posture_snapshot_add_warning         (PostureSnapshot    *self,
                                             const char         *warning);
/* Adds @env (taking it) unless an environment of the same name is there. */
gboolean _posture_snapshot_add_environment  (PostureSnapshot    *self,
                                             PostureEnvironment *env);
void  _posture_snapshot_add_group           (PostureSnapshot    *self,
                                             PostureGroupMembers *group);
/* Finds the default environment once every environment is in. */
void  _posture_snapshot_find_default        (PostureSnapshot    *self);

/* posture-snapshot-json.c: normalises @root into @self (which keeps no reference). */
gboolean _posture_snapshot_load_json        (PostureSnapshot    *self,
                                             JsonNode           *root,
                                             const char         *origin,
                                             GError            **error);

G_END_DECLS
