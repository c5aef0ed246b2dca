/* posture-snapshot-variant.c: the snapshot's serialised form, for a cold start
 *
 * A GVariant of POSTURE_SNAPSHOT_VARIANT_TYPE holds the typed view the controls read. It
 * is laid out for loading from a mapped file in one pass with few allocations: every
 * string once in a table ("ay", NUL-separated) referred to by offset, the typed values
 * in one table of parallel fixed arrays, and each environment as a fixed row of 32-bit
 * fields. Fixed arrays are read in place (g_variant_get_fixed_array()); only the small
 * lists (data policies, Conditional Access policies, role assignments) are tuples.
 *
 * It does not hold the raw payloads (see posture-snapshot.h). The first member is the
 * layout version, and the type string changes with the layout: an old cache is refused
 * as the wrong type, never misread. Offsets and indexes are checked against their tables
 * and the strings are checked to be UTF-8, so a damaged file is refused, never read out
 * of bounds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot"

#include "config.h"

#include <string.h>

#include "posture-error.h"
#include "posture-snapshot-private.h"

#define LAYOUT_VERSION 1
#define NONE           G_MAXUINT32

/* The fixed row of an environment in the "environments" array. */
enum
{
  ENV_NAME,
  ENV_DISPLAY_NAME,
  ENV_SKU,
  ENV_LOCATION,
  ENV_SECURITY_GROUP_ID,
  ENV_LIMIT_SHARING_MODE,
  ENV_INSTANCE_URL,
  ENV_PROTECTION_LEVEL,
  ENV_DATAVERSE_ERROR_MESSAGE,
  ENV_ADMINS_ERROR_MESSAGE,
  ENV_FLAGS,
  ENV_DATAVERSE_STATE,
  ENV_DATAVERSE_ERROR_STATUS,
  ENV_ADMINS_STATE,
  ENV_ADMINS_ERROR_STATUS,
  ENV_ROLES_WITHOUT_USERS,
  ENV_COLUMNS,            /* value index of the first column, or NONE */
  ENV_USERS,              /* value index of the first user's first column */
  ENV_N_USERS,            /* 5 values per user */
  ENV_N_FIELDS
};

enum
{
  FLAG_DEFAULT = 1 << 0,
  FLAG_DATAVERSE = 1 << 1,
  FLAG_MANAGED = 1 << 2,
  FLAG_CMK = 1 << 3,
  FLAG_VNET = 1 << 4,
};

#define USER_COLUMNS 5

/* ------------------------------------------------------------------------- */
/* Writing                                                                   */
/* ------------------------------------------------------------------------- */

typedef struct
{
  GString    *strings;      /* NUL-separated; offset 0 is "" */
  GHashTable *offsets;      /* string (borrowed from the snapshot) → offset + 1 */
  GArray     *packed;       /* of guint32: kind | boolean << 8 */
  GArray     *integers;     /* of gint64 */
  GArray     *texts;        /* of guint32: string offset, or NONE */
} Writer;

static guint32
write_string (Writer     *w,
              const char *text)
{
  gpointer found;
  guint32 offset;

  if (text == NULL)
    return NONE;

  if ((found = g_hash_table_lookup (w->offsets, text)) != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  offset = (guint32) w->strings->len;
  g_string_append_len (w->strings, text, strlen (text) + 1);
  g_hash_table_insert (w->offsets, (gpointer) text, GUINT_TO_POINTER (offset + 1));
  return offset;
}

static guint32
write_value (Writer             *w,
             const PostureValue *value)
{
  guint32 index = w->packed->len;
  guint32 packed = (guint32) value->kind | (value->boolean ? 1u << 8 : 0);
  guint32 text = value->kind == POSTURE_VALUE_STRING || value->kind == POSTURE_VALUE_OTHER
                 ? write_string (w, value->string) : NONE;

  g_array_append_val (w->packed, packed);
  g_array_append_val (w->integers, value->integer);
  g_array_append_val (w->texts, text);
  return index;
}

static GVariant *
fixed_u32 (GArray *array)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, array->data, array->len,
                                    sizeof (guint32));
}

static GVariant *
strings_to_offsets (Writer              *w,
                    const char * const  *strv)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      guint32 offset = write_string (w, strv[i]);

      g_array_append_val (offsets, offset);
    }

  return fixed_u32 (offsets);
}

static GVariant *
principal_to_variant (Writer                 *w,
                      const PosturePrincipal *principal)
{
  return g_variant_new ("(buuuu)", principal->expanded, write_string (w, principal->type),
                        write_string (w, principal->id), write_string (w, principal->display_name),
                        write_string (w, principal->user_principal_name));
}

static void
write_environment (Writer                   *w,
                   const PostureEnvironment *env,
                   GArray                   *rows,
                   GArray                   *limits)
{
  guint32 row[ENV_N_FIELDS] = { 0, };

  row[ENV_NAME] = write_string (w, env->name);
  row[ENV_DISPLAY_NAME] = write_string (w, env->display_name);
  row[ENV_SKU] = write_string (w, env->sku);
  row[ENV_LOCATION] = write_string (w, env->location);
  row[ENV_SECURITY_GROUP_ID] = write_string (w, env->security_group_id);
  row[ENV_LIMIT_SHARING_MODE] = write_string (w, env->limit_sharing_mode);
  row[ENV_INSTANCE_URL] = write_string (w, env->instance_url);
  row[ENV_PROTECTION_LEVEL] = write_string (w, env->protection_level);
  row[ENV_DATAVERSE_ERROR_MESSAGE] = write_string (w, env->dataverse_error_message);
  row[ENV_ADMINS_ERROR_MESSAGE] = write_string (w, env->admins_error_message);
  row[ENV_FLAGS] = (env->is_default ? FLAG_DEFAULT : 0) |
                   (env->has_dataverse ? FLAG_DATAVERSE : 0) |
                   (env->managed ? FLAG_MANAGED : 0) |
                   (env->cmk_linked ? FLAG_CMK : 0) |
                   (env->vnet_linked ? FLAG_VNET : 0);
  row[ENV_DATAVERSE_STATE] = env->dataverse_state;
  row[ENV_DATAVERSE_ERROR_STATUS] = env->dataverse_error_status;
  row[ENV_ADMINS_STATE] = env->admins_state;
  row[ENV_ADMINS_ERROR_STATUS] = env->admins_error_status;
  row[ENV_ROLES_WITHOUT_USERS] = env->n_roles_without_users;

  row[ENV_COLUMNS] = NONE;
  for (guint i = 0; env->columns != NULL && i < POSTURE_N_DATAVERSE_COLUMNS; i++)
    {
      guint32 index = write_value (w, &env->columns[i]);

      if (i == 0)
        row[ENV_COLUMNS] = index;
    }

  row[ENV_USERS] = w->packed->len;
  row[ENV_N_USERS] = env->system_users != NULL ? env->system_users->len : 0;
  for (guint i = 0; i < row[ENV_N_USERS]; i++)
    {
      const PostureSystemUser *user = g_ptr_array_index (env->system_users, i);

      write_value (w, &user->systemuserid);
      write_value (w, &user->isdisabled);
      write_value (w, &user->accessmode);
      write_value (w, &user->applicationid);
      write_value (w, &user->azureactivedirectoryobjectid);
    }

  g_array_append_vals (rows, row, ENV_N_FIELDS);
  g_array_append_val (limits, env->max_limit_user_sharing);
}

static GVariant *
dlp_policy_to_variant (Writer                 *w,
                       const PostureDlpPolicy *policy)
{
  GVariantBuilder groups;

  g_variant_builder_init (&groups, G_VARIANT_TYPE ("a(uauau)"));
  for (guint i = 0; i < policy->connector_groups->len; i++)
    {
      const PostureConnectorGroup *group = g_ptr_array_index (policy->connector_groups, i);

      g_variant_builder_add (&groups, "(u@au@au)", write_string (w, group->classification),
                             strings_to_offsets (w, (const char * const *) group->connector_ids),
                             strings_to_offsets (w, (const char * const *) group->connector_names));
    }

  return g_variant_new ("(uuuu@aua(uauau))", write_string (w, policy->name),
                        write_string (w, policy->display_name),
                        write_string (w, policy->environment_type),
                        write_string (w, policy->default_classification),
                        strings_to_offsets (w, (const char * const *) policy->environments),
                        &groups);
}

static GVariant *
ca_policy_to_variant (Writer                *w,
                      const PostureCaPolicy *policy)
{
  return g_variant_new ("(uuu@au@au@au@aubu@aub)", write_string (w, policy->id),
                        write_string (w, policy->display_name), write_string (w, policy->state),
                        strings_to_offsets (w, (const char * const *) policy->include_applications),
                        strings_to_offsets (w, (const char * const *) policy->exclude_applications),
                        strings_to_offsets (w, (const char * const *) policy->include_users),
                        strings_to_offsets (w, (const char * const *) policy->client_app_types),
                        policy->client_app_types != NULL, write_string (w, policy->grant_operator),
                        strings_to_offsets (w, (const char * const *) policy->built_in_controls),
                        policy->has_authentication_strength);
}

/* g_date_time_to_unix_usec() is GLib 2.80. */
static gint64
unix_usec (GDateTime *date_time)
{
  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC +
         g_date_time_get_microsecond (date_time);
}

/**
 * posture_snapshot_to_variant:
 *
 * Returns: (transfer floating): the serialised form of the snapshot, of type
 *   POSTURE_SNAPSHOT_VARIANT_TYPE
 */
GVariant *
posture_snapshot_to_variant (PostureSnapshot *self)
{
  g_autoptr(GArray) warnings = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) paths = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) setting_values = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) limits = g_array_new (FALSE, FALSE, sizeof (gint64));
  GVariantBuilder errors;
  GVariantBuilder allowed;
  GVariantBuilder policies;
  GVariantBuilder ca_policies;
  GVariantBuilder assignments;
  GVariantBuilder groups;
  GVariant *captured = NULL;
  GVariant *sources;
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  guchar states[POSTURE_N_SOURCES];
  guint32 header[3];
  guint32 defaults;
  GVariant *result;
  Writer w;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);

  w.strings = g_string_sized_new (4096);
  g_string_append_c (w.strings, '\0');
  w.offsets = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (w.offsets, (gpointer) "", GUINT_TO_POINTER (1));
  w.packed = g_array_new (FALSE, FALSE, sizeof (guint32));
  w.integers = g_array_new (FALSE, FALSE, sizeof (gint64));
  w.texts = g_array_new (FALSE, FALSE, sizeof (guint32));

  header[0] = write_string (&w, self->tenant_id);
  header[1] = write_string (&w, self->tenant_name);
  header[2] = write_string (&w, self->cloud);
  if (self->captured_at != NULL)
    captured = g_variant_new_int64 (unix_usec (self->captured_at));

  for (guint i = 0; i + 1 < self->warnings->len; i++)
    {
      guint32 offset = write_string (&w, g_ptr_array_index (self->warnings, i));

      g_array_append_val (warnings, offset);
    }

  g_variant_builder_init (&errors, G_VARIANT_TYPE ("a(yuuu)"));
  for (guint i = 0; i < POSTURE_N_SOURCES; i++)
    {
      states[i] = (guchar) self->sources[i];
      if (self->sources[i] == POSTURE_SOURCE_ERROR)
        g_variant_builder_add (&errors, "(yuuu)", (guchar) i, (guint32) self->errors[i].status,
                               write_string (&w, self->errors[i].code),
                               write_string (&w, self->errors[i].message));
    }
  sources = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, states, POSTURE_N_SOURCES, 1);

  g_hash_table_iter_init (&iter, self->settings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 path = write_string (&w, key);
      guint32 index = write_value (&w, value);

      g_array_append_val (paths, path);
      g_array_append_val (setting_values, index);
    }

  g_variant_builder_init (&allowed, G_VARIANT_TYPE ("a(ubb)"));
  for (guint i = 0; i < self->allowed_tenants->len; i++)
    {
      const PostureAllowedTenant *tenant = g_ptr_array_index (self->allowed_tenants, i);

      g_variant_builder_add (&allowed, "(ubb)", write_string (&w, tenant->tenant_id),
                             tenant->inbound, tenant->outbound);
    }

  for (guint i = 0; i < self->environments->len; i++)
    write_environment (&w, g_ptr_array_index (self->environments, i), rows, limits);

  g_variant_builder_init (&policies, G_VARIANT_TYPE ("a(uuuuaua(uauau))"));
  for (guint i = 0; i < self->dlp_policies->len; i++)
    {
      const PostureDlpPolicy *policy = g_ptr_array_index (self->dlp_policies, i);

      g_variant_builder_add_value (&policies, dlp_policy_to_variant (&w, policy));
    }

  g_variant_builder_init (&ca_policies, G_VARIANT_TYPE ("a(uuuauauauaubuaub)"));
  for (guint i = 0; i < self->ca_policies->len; i++)
    {
      const PostureCaPolicy *policy = g_ptr_array_index (self->ca_policies, i);

      g_variant_builder_add_value (&ca_policies, ca_policy_to_variant (&w, policy));
    }

  defaults = write_value (&w, &self->security_defaults);

  g_variant_builder_init (&assignments, G_VARIANT_TYPE ("a(buuuu)"));
  for (guint i = 0; i < self->assignments->len; i++)
    {
      const PosturePrincipal *principal = g_ptr_array_index (self->assignments, i);

      g_variant_builder_add_value (&assignments, principal_to_variant (&w, principal));
    }

  g_variant_builder_init (&groups, G_VARIANT_TYPE ("a(uyuuua(buuuu))"));
  for (guint i = 0; i < self->groups->len; i++)
    {
      const PostureGroupMembers *group = g_ptr_array_index (self->groups, i);
      GVariantBuilder members;

      g_variant_builder_init (&members, G_VARIANT_TYPE ("a(buuuu)"));
      for (guint m = 0; m < group->members->len; m++)
        {
          const PosturePrincipal *member = g_ptr_array_index (group->members, m);

          g_variant_builder_add_value (&members, principal_to_variant (&w, member));
        }
      g_variant_builder_add (&groups, "(uyuuua(buuuu))", write_string (&w, group->group_id),
                             (guchar) group->state, (guint32) group->error.status,
                             write_string (&w, group->error.code),
                             write_string (&w, group->error.message), &members);
    }

  result = g_variant_new ("(uu@ayuuu@mx@au@ay@a(yuuu)@au@au@au@ax@auu@a(ubb)@au@ax"
                          "@a(uuuuaua(uauau))@a(uuuauauauaubuaub)u@a(buuuu)@a(uyuuua(buuuu)))",
                          (guint32) LAYOUT_VERSION, (guint32) self->format_version,
                          g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, w.strings->str,
                                                     w.strings->len, 1),
                          header[0], header[1], header[2],
                          g_variant_new_maybe (G_VARIANT_TYPE_INT64, captured),
                          fixed_u32 (warnings), sources, g_variant_builder_end (&errors),
                          fixed_u32 (paths), fixed_u32 (setting_values), fixed_u32 (w.packed),
                          g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, w.integers->data,
                                                     w.integers->len, sizeof (gint64)),
                          fixed_u32 (w.texts), (guint32) self->isolation_state,
                          g_variant_builder_end (&allowed), fixed_u32 (rows),
                          g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, limits->data,
                                                     limits->len, sizeof (gint64)),
                          g_variant_builder_end (&policies), g_variant_builder_end (&ca_policies),
                          defaults, g_variant_builder_end (&assignments),
                          g_variant_builder_end (&groups));

  g_string_free (w.strings, TRUE);
  g_hash_table_unref (w.offsets);
  g_array_unref (w.packed);
  g_array_unref (w.integers);
  g_array_unref (w.texts);

  return result;
}

/* ------------------------------------------------------------------------- */
/* Reading                                                                   */
/* ------------------------------------------------------------------------- */

typedef struct
{
  const char    *strings;
  gsize          n_strings;   /* bytes */
  const guint32 *packed;
  const gint64  *integers;
  const guint32 *texts;
  gsize          n_values;
  GError       **error;
} Reader;

G_GNUC_PRINTF (2, 3)
static gboolean
damaged (Reader     *r,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (r->error == NULL || *r->error != NULL)
    return FALSE;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (r->error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
               "The serialised snapshot is damaged (%s); read the tenant again or load its "
               "JSON file", what);
  return FALSE;
}

/* The string at @offset (NULL for NONE), copied. */
static gboolean
read_string (Reader     *r,
             guint32     offset,
             char      **out)
{
  if (offset == NONE)
    {
      *out = NULL;
      return TRUE;
    }
  if (offset >= r->n_strings)
    return damaged (r, "a string at %u, past the table", offset);

  *out = g_strdup (r->strings + offset);
  return TRUE;
}

static gboolean
read_value (Reader       *r,
            guint32       index,
            PostureValue *out)
{
  guint32 packed;

  if (index >= r->n_values)
    return damaged (r, "a value at %u, past the table", index);

  packed = r->packed[index];
  if ((packed & 0xff) > POSTURE_VALUE_OTHER)
    return damaged (r, "a value of kind %u", packed & 0xff);

  out->kind = packed & 0xff;
  out->boolean = (packed >> 8) & 1;
  out->integer = r->integers[index];
  out->string = NULL;
  if (out->kind == POSTURE_VALUE_STRING || out->kind == POSTURE_VALUE_OTHER)
    return read_string (r, r->texts[index], &out->string) &&
           (out->string != NULL || damaged (r, "a string value without its text"));

  return TRUE;
}

static const guint32 *
get_u32s (GVariant *array,
          gsize    *n)
{
  return g_variant_get_fixed_array (array, n, sizeof (guint32));
}

static gboolean
read_strv (Reader   *r,
           GVariant *array,
           GStrv    *out)
{
  gsize n = 0;
  const guint32 *offsets = get_u32s (array, &n);
  GStrv strv = g_new0 (char *, n + 1);

  *out = strv;
  for (gsize i = 0; i < n; i++)
    if (!read_string (r, offsets[i], &strv[i]) ||
        (strv[i] == NULL && !damaged (r, "a list with a missing string")))
      return FALSE;

  return TRUE;
}

static gboolean
read_state (Reader                *r,
            guint32                value,
            PostureDataverseState *out)
{
  if (value > POSTURE_DATAVERSE_MISSING)
    return damaged (r, "a Dataverse state of %u", value);
  *out = value;
  return TRUE;
}

static gboolean
read_environment (Reader          *r,
                  const guint32   *row,
                  gint64           limit,
                  PostureSnapshot *self)
{
  PostureEnvironment *env = _posture_environment_new ();
  gboolean ok;

  ok = read_string (r, row[ENV_NAME], &env->name) &&
       read_string (r, row[ENV_DISPLAY_NAME], &env->display_name) &&
       read_string (r, row[ENV_SKU], &env->sku) &&
       read_string (r, row[ENV_LOCATION], &env->location) &&
       read_string (r, row[ENV_SECURITY_GROUP_ID], &env->security_group_id) &&
       read_string (r, row[ENV_LIMIT_SHARING_MODE], &env->limit_sharing_mode) &&
       read_string (r, row[ENV_INSTANCE_URL], &env->instance_url) &&
       read_string (r, row[ENV_PROTECTION_LEVEL], &env->protection_level) &&
       read_string (r, row[ENV_DATAVERSE_ERROR_MESSAGE], &env->dataverse_error_message) &&
       read_string (r, row[ENV_ADMINS_ERROR_MESSAGE], &env->admins_error_message) &&
       read_state (r, row[ENV_DATAVERSE_STATE], &env->dataverse_state) &&
       read_state (r, row[ENV_ADMINS_STATE], &env->admins_state);

  env->is_default = (row[ENV_FLAGS] & FLAG_DEFAULT) != 0;
  env->has_dataverse = (row[ENV_FLAGS] & FLAG_DATAVERSE) != 0;
  env->managed = (row[ENV_FLAGS] & FLAG_MANAGED) != 0;
  env->cmk_linked = (row[ENV_FLAGS] & FLAG_CMK) != 0;
  env->vnet_linked = (row[ENV_FLAGS] & FLAG_VNET) != 0;
  env->max_limit_user_sharing = limit;
  env->dataverse_error_status = row[ENV_DATAVERSE_ERROR_STATUS];
  env->admins_error_status = row[ENV_ADMINS_ERROR_STATUS];
  env->n_roles_without_users = row[ENV_ROLES_WITHOUT_USERS];
  env->system_users = g_ptr_array_new_with_free_func (_posture_system_user_free);

  if (ok && env->name == NULL)
    ok = damaged (r, "an environment without a name");

  if (ok && row[ENV_COLUMNS] != NONE)
    {
      env->columns = g_new0 (PostureValue, POSTURE_N_DATAVERSE_COLUMNS);
      for (guint i = 0; ok && i < POSTURE_N_DATAVERSE_COLUMNS; i++)
        ok = read_value (r, row[ENV_COLUMNS] + i, &env->columns[i]);
    }
  if (ok && env->dataverse_state == POSTURE_DATAVERSE_READ && env->columns == NULL)
    ok = damaged (r, "a Dataverse row without its columns");

  if (ok && row[ENV_N_USERS] > (r->n_values - MIN (row[ENV_USERS], r->n_values)) / USER_COLUMNS)
    ok = damaged (r, "%u System Administrators past the table", row[ENV_N_USERS]);
  for (guint i = 0; ok && i < row[ENV_N_USERS]; i++)
    {
      PostureSystemUser *user = g_new0 (PostureSystemUser, 1);
      guint32 first = row[ENV_USERS] + i * USER_COLUMNS;

      g_ptr_array_add (env->system_users, user);
      ok = read_value (r, first, &user->systemuserid) &&
           read_value (r, first + 1, &user->isdisabled) &&
           read_value (r, first + 2, &user->accessmode) &&
           read_value (r, first + 3, &user->applicationid) &&
           read_value (r, first + 4, &user->azureactivedirectoryobjectid);
    }

  if (!ok)
    {
      _posture_environment_free (env);
      return FALSE;
    }

  if (!_posture_snapshot_add_environment (self, env))
    return damaged (r, "an environment listed twice");
  if (env->is_default && self->default_environment == NULL)
    self->default_environment = env;
  return TRUE;
}

static gboolean
read_dlp_policy (Reader          *r,
                 GVariant        *variant,
                 PostureSnapshot *self)
{
  PostureDlpPolicy *policy = _posture_dlp_policy_new ();
  g_autoptr(GVariant) environments = NULL;
  g_autoptr(GVariant) groups = NULL;
  guint32 name, display_name, type, classification;
  GVariantIter iter;
  GVariant *ids;
  GVariant *names;
  guint32 group_classification;

  g_ptr_array_add (self->dlp_policies, policy);
  g_variant_get (variant, "(uuuu@au@a(uauau))", &name, &display_name, &type, &classification,
                 &environments, &groups);
  if (!read_string (r, name, &policy->name) ||
      !read_string (r, display_name, &policy->display_name) ||
      !read_string (r, type, &policy->environment_type) ||
      !read_string (r, classification, &policy->default_classification) ||
      !read_strv (r, environments, &policy->environments))
    return FALSE;
  if (policy->name == NULL || policy->display_name == NULL)
    return damaged (r, "a data policy without a name");

  for (guint i = 0; policy->environments[i] != NULL; i++)
    g_hash_table_add (policy->environment_set, g_utf8_strdown (policy->environments[i], -1));

  g_variant_iter_init (&iter, groups);
  while (g_variant_iter_next (&iter, "(u@au@au)", &group_classification, &ids, &names))
    {
      PostureConnectorGroup *group = g_new0 (PostureConnectorGroup, 1);
      gboolean ok;

      g_ptr_array_add (policy->connector_groups, group);
      ok = read_string (r, group_classification, &group->classification) &&
           read_strv (r, ids, &group->connector_ids) &&
           read_strv (r, names, &group->connector_names);
      g_variant_unref (ids);
      g_variant_unref (names);
      if (!ok)
        return FALSE;
      if (g_strv_length (group->connector_ids) != g_strv_length (group->connector_names))
        return damaged (r, "a connector group of unequal lists");
    }

  return TRUE;
}

static gboolean
read_ca_policy (Reader          *r,
                GVariant        *variant,
                PostureSnapshot *self)
{
  PostureCaPolicy *policy = g_new0 (PostureCaPolicy, 1);
  g_autoptr(GVariant) include_apps = NULL;
  g_autoptr(GVariant) exclude_apps = NULL;
  g_autoptr(GVariant) include_users = NULL;
  g_autoptr(GVariant) clients = NULL;
  g_autoptr(GVariant) controls = NULL;
  guint32 id, display_name, state, operator;
  gboolean has_clients;

  g_ptr_array_add (self->ca_policies, policy);
  g_variant_get (variant, "(uuu@au@au@au@aubu@aub)", &id, &display_name, &state, &include_apps,
                 &exclude_apps, &include_users, &clients, &has_clients, &operator, &controls,
                 &policy->has_authentication_strength);

  if (!read_string (r, id, &policy->id) ||
      !read_string (r, display_name, &policy->display_name) ||
      !read_string (r, state, &policy->state) ||
      !read_string (r, operator, &policy->grant_operator) ||
      !read_strv (r, include_apps, &policy->include_applications) ||
      !read_strv (r, exclude_apps, &policy->exclude_applications) ||
      !read_strv (r, include_users, &policy->include_users) ||
      !read_strv (r, controls, &policy->built_in_controls))
    return FALSE;

  if (has_clients)
    return read_strv (r, clients, &policy->client_app_types);

  return TRUE;
}

static gboolean
read_principal (Reader    *r,
                GVariant  *variant,
                GPtrArray *into)
{
  PosturePrincipal *principal = g_new0 (PosturePrincipal, 1);
  guint32 type, id, display_name, upn;

  g_ptr_array_add (into, principal);
  g_variant_get (variant, "(buuuu)", &principal->expanded, &type, &id, &display_name, &upn);
  return read_string (r, type, &principal->type) && read_string (r, id, &principal->id) &&
         read_string (r, display_name, &principal->display_name) &&
         read_string (r, upn, &principal->user_principal_name);
}

static gboolean
read_group (Reader          *r,
            GVariant        *variant,
            PostureSnapshot *self)
{
  PostureGroupMembers *group = g_new0 (PostureGroupMembers, 1);
  g_autoptr(GVariant) members = NULL;
  guint32 group_id, code, message;
  GVariantIter iter;
  GVariant *child;
  guchar state;

  group->members = g_ptr_array_new_with_free_func (_posture_principal_free);
  g_variant_get (variant, "(uyuuu@a(buuuu))", &group_id, &state, &group->error.status, &code,
                 &message, &members);
  if (!read_string (r, group_id, &group->group_id) || group->group_id == NULL ||
      state > POSTURE_SOURCE_ERROR)
    {
      _posture_group_members_free (group);
      return damaged (r, "a group without an id, or of state %u", state);
    }
  _posture_snapshot_add_group (self, group);
  group->state = state;

  if (!read_string (r, code, &group->error.code) ||
      !read_string (r, message, &group->error.message))
    return FALSE;

  g_variant_iter_init (&iter, members);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      gboolean ok = read_principal (r, child, group->members);

      g_variant_unref (child);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* Every string of the table is UTF-8 (what the JSON gave) and the table ends with NUL:
 * then every offset inside it is a string. */
static gboolean
check_strings (Reader *r)
{
  const char *p = r->strings;
  const char *end = r->strings + r->n_strings;

  if (r->n_strings == 0 || end[-1] != '\0')
    return damaged (r, "the string table");

  while (p < end)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (!g_utf8_validate_len (p, nul - p, NULL))
        return damaged (r, "a string that is not UTF-8");
      p = nul + 1;
    }

  return TRUE;
}

/**
 * posture_snapshot_new_from_variant:
 * @variant: a value of type POSTURE_SNAPSHOT_VARIANT_TYPE (posture_snapshot_to_variant())
 *
 * Loads a snapshot from its serialised form, without parsing JSON. The snapshot holds no
 * raw document (see posture_snapshot_has_json()).
 *
 * Returns: (transfer full): the snapshot, or %NULL with POSTURE_SNAPSHOT_ERROR_INVALID when
 *   @variant is of another type or layout, or damaged
 */
PostureSnapshot *
posture_snapshot_new_from_variant (GVariant  *variant,
                                   GError   **error)
{
  g_autoptr(PostureSnapshot) self = NULL;
  g_autoptr(GVariant) strings = NULL;
  g_autoptr(GVariant) captured = NULL;
  g_autoptr(GVariant) warnings = NULL;
  g_autoptr(GVariant) sources = NULL;
  g_autoptr(GVariant) errors = NULL;
  g_autoptr(GVariant) paths = NULL;
  g_autoptr(GVariant) setting_values = NULL;
  g_autoptr(GVariant) packed = NULL;
  g_autoptr(GVariant) integers = NULL;
  g_autoptr(GVariant) texts = NULL;
  g_autoptr(GVariant) allowed = NULL;
  g_autoptr(GVariant) rows = NULL;
  g_autoptr(GVariant) limits = NULL;
  g_autoptr(GVariant) policies = NULL;
  g_autoptr(GVariant) ca_policies = NULL;
  g_autoptr(GVariant) assignments = NULL;
  g_autoptr(GVariant) groups = NULL;
  Reader r = { NULL, 0, NULL, NULL, NULL, 0, error };
  guint32 layout, format, tenant_id, tenant_name, cloud, isolation, defaults;
  const guint32 *offsets;
  const guint32 *indexes;
  const guint32 *row;
  const gint64 *limit;
  const guchar *states;
  gsize n, n_indexes, n_packed, n_integers, n_texts, n_rows, n_limits;
  GVariantIter iter;
  GVariant *child;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (POSTURE_SNAPSHOT_VARIANT_TYPE)))
    {
      g_set_error (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
                   "Not a serialised snapshot of this Posture (type %s); read the tenant again "
                   "or load its JSON file", g_variant_get_type_string (variant));
      return NULL;
    }

  g_variant_get (variant,
                 "(uu@ayuuu@mx@au@ay@a(yuuu)@au@au@au@ax@auu@a(ubb)@au@ax"
                 "@a(uuuuaua(uauau))@a(uuuauauauaubuaub)u@a(buuuu)@a(uyuuua(buuuu)))",
                 &layout, &format, &strings, &tenant_id, &tenant_name, &cloud, &captured,
                 &warnings, &sources, &errors, &paths, &setting_values, &packed, &integers,
                 &texts, &isolation, &allowed, &rows, &limits, &policies, &ca_policies, &defaults,
                 &assignments, &groups);

  if (layout != LAYOUT_VERSION)
    {
      damaged (&r, "layout %u, this Posture writes %u", layout, LAYOUT_VERSION);
      return NULL;
    }
  if (format < 1 || format > POSTURE_SNAPSHOT_FORMAT_VERSION)
    {
      damaged (&r, "format %u", format);
      return NULL;
    }
  if (isolation > POSTURE_ISOLATION_ENABLED)
    {
      damaged (&r, "an isolation state of %u", isolation);
      return NULL;
    }

  r.strings = g_variant_get_fixed_array (strings, &r.n_strings, 1);
  r.packed = get_u32s (packed, &n_packed);
  r.integers = g_variant_get_fixed_array (integers, &n_integers, sizeof (gint64));
  r.texts = get_u32s (texts, &n_texts);
  if (n_packed != n_integers || n_packed != n_texts)
    {
      damaged (&r, "the value table");
      return NULL;
    }
  r.n_values = n_packed;
  if (!check_strings (&r))
    return NULL;

  self = g_object_new (POSTURE_TYPE_SNAPSHOT, NULL);
  self->format_version = format;
  self->isolation_state = isolation;
  if (!read_string (&r, tenant_id, &self->tenant_id) ||
      !read_string (&r, tenant_name, &self->tenant_name) ||
      !read_string (&r, cloud, &self->cloud))
    return NULL;

  if (g_variant_n_children (captured) > 0)
    {
      g_autoptr(GVariant) usec = g_variant_get_child_value (captured, 0);
      gint64 microseconds = g_variant_get_int64 (usec);
      g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (microseconds / G_USEC_PER_SEC);

      if (seconds != NULL)
        self->captured_at = g_date_time_add (seconds, microseconds % G_USEC_PER_SEC);
    }

  offsets = get_u32s (warnings, &n);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *warning = NULL;

      if (!read_string (&r, offsets[i], &warning) || warning == NULL)
        return damaged (&r, "a warning"), NULL;
      _posture_snapshot_add_warning (self, warning);
    }

  states = g_variant_get_fixed_array (sources, &n, 1);
  if (n != POSTURE_N_SOURCES)
    return damaged (&r, "%" G_GSIZE_FORMAT " sources", n), NULL;
  for (guint i = 0; i < POSTURE_N_SOURCES; i++)
    {
      if (states[i] > POSTURE_SOURCE_ERROR)
        return damaged (&r, "a source of state %u", states[i]), NULL;
      self->sources[i] = states[i];
    }

  g_variant_iter_init (&iter, errors);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      guint32 status, code, message;
      guchar source;
      gboolean ok;

      g_variant_get (child, "(yuuu)", &source, &status, &code, &message);
      g_variant_unref (child);
      if (source >= POSTURE_N_SOURCES)
        return damaged (&r, "an error of source %u", source), NULL;
      _posture_source_error_clear (&self->errors[source]);
      self->errors[source].status = status;
      ok = read_string (&r, code, &self->errors[source].code) &&
           read_string (&r, message, &self->errors[source].message);
      if (!ok)
        return NULL;
    }

  offsets = get_u32s (paths, &n);
  indexes = get_u32s (setting_values, &n_indexes);
  if (n != n_indexes)
    return damaged (&r, "the settings"), NULL;
  for (gsize i = 0; i < n; i++)
    {
      PostureValue *setting = g_new0 (PostureValue, 1);
      char *path = NULL;

      if (!read_string (&r, offsets[i], &path) || path == NULL ||
          !read_value (&r, indexes[i], setting))
        {
          g_free (path);
          _posture_value_clear (setting);
          g_free (setting);
          return damaged (&r, "a setting"), NULL;
        }
      g_hash_table_replace (self->settings, path, setting);
    }

  g_variant_iter_init (&iter, allowed);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      PostureAllowedTenant *tenant = g_new0 (PostureAllowedTenant, 1);
      guint32 id;
      gboolean ok;

      g_ptr_array_add (self->allowed_tenants, tenant);
      g_variant_get (child, "(ubb)", &id, &tenant->inbound, &tenant->outbound);
      g_variant_unref (child);
      ok = read_string (&r, id, &tenant->tenant_id);
      if (!ok || tenant->tenant_id == NULL)
        return damaged (&r, "an allowed tenant"), NULL;
    }

  row = get_u32s (rows, &n_rows);
  limit = g_variant_get_fixed_array (limits, &n_limits, sizeof (gint64));
  if (n_rows % ENV_N_FIELDS != 0 || n_rows / ENV_N_FIELDS != n_limits)
    return damaged (&r, "the environments"), NULL;
  for (gsize i = 0; i < n_limits; i++)
    if (!read_environment (&r, row + i * ENV_N_FIELDS, limit[i], self))
      return NULL;

  g_variant_iter_init (&iter, policies);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      gboolean ok = read_dlp_policy (&r, child, self);

      g_variant_unref (child);
      if (!ok)
        return NULL;
    }

  g_variant_iter_init (&iter, ca_policies);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      gboolean ok = read_ca_policy (&r, child, self);

      g_variant_unref (child);
      if (!ok)
        return NULL;
    }

  if (!read_value (&r, defaults, &self->security_defaults))
    return NULL;

  g_variant_iter_init (&iter, assignments);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      gboolean ok = read_principal (&r, child, self->assignments);

      g_variant_unref (child);
      if (!ok)
        return NULL;
    }

  g_variant_iter_init (&iter, groups);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      gboolean ok = read_group (&r, child, self);

      g_variant_unref (child);
      if (!ok)
        return NULL;
    }

  return g_steal_pointer (&self);
}
