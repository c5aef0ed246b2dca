/* posture-history-record.c: one reading of a tenant, as the score history keeps it
 *
 * A record is what "what changed" needs long after the snapshot is gone: the score, each
 * control's status and points, the resources that failed, every resource assessed and
 * the names those resources had then. Its JSON is the element of the history file
 * (src/state/posture-history.c):
 *
 *   { "sequence": 12, "assessed_at": "2026-11-01T10:00:00.123456Z", "profile": "all",
 *     "percent": 56.67 | null, "level": "medium", "earned": 17, "possible": 30,
 *     "controls": [ { "id": "…", "status": "partial", "earned": 2, "possible": 10,
 *                     "failing": [ "<resource id>", … ] } ],
 *     "resources": [ "<resource id>", … ], "names": { "<resource id>": "<display name>" } }
 *
 * "sequence" and "names" are absent from records written before they existed, and
 * "assessed_at" then has whole seconds only; such records still read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-history-record"

#include "config.h"

#include <string.h>

#include "posture-error.h"
#include "posture-history-record.h"
#include "posture-json.h"

/* A bound on what one record may hold, against damaged or hostile files. */
#define MAX_CONTROLS 1000

struct _PostureHistoryRecord
{
  GObject       parent_instance;

  guint64       sequence;
  GDateTime    *assessed_at;
  char         *profile;
  double        percent;
  PostureLevel  level;
  guint         earned;
  guint         possible;
  GPtrArray    *controls;   /* of PostureHistoryControl */
  GStrv         resources;  /* every resource id assessed (environments), sorted */
  GHashTable   *names;      /* resource id → display name */
};

enum {
  PROP_0,
  PROP_SEQUENCE,
  PROP_ASSESSED_AT,
  PROP_PROFILE,
  PROP_PERCENT,
  PROP_LEVEL,
  PROP_EARNED,
  PROP_POSSIBLE,
  PROP_N_CONTROLS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureHistoryRecord, posture_history_record, G_TYPE_OBJECT)

static void
history_control_free (gpointer data)
{
  PostureHistoryControl *control = data;

  g_free (control->id);
  g_free (control->status);
  g_strfreev (control->failing);
  g_free (control);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
sort_strv (GStrv strv)
{
  g_qsort_with_data (strv, g_strv_length (strv), sizeof (char *), compare_strings, NULL);
}

static gboolean
read_uint (JsonObject  *object,
           const char  *member,
           guint       *out_value,
           const char  *where,
           GError     **error)
{
  gint64 value = 0;

  if (!posture_json_get_int (object, member, &value) || value < 0 || value > G_MAXUINT)
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "%s.%s: expected a whole number of points", where, member);
      return FALSE;
    }
  *out_value = (guint) value;
  return TRUE;
}

static GStrv
read_string_array (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void
posture_history_record_finalize (GObject *object)
{
  PostureHistoryRecord *self = (PostureHistoryRecord *) object;

  g_clear_pointer (&self->assessed_at, g_date_time_unref);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->controls, g_ptr_array_unref);
  g_clear_pointer (&self->resources, g_strfreev);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (posture_history_record_parent_class)->finalize (object);
}

static void
posture_history_record_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PostureHistoryRecord *self = POSTURE_HISTORY_RECORD (object);

  switch (prop_id)
    {
    case PROP_SEQUENCE:
      g_value_set_uint64 (value, self->sequence);
      break;
    case PROP_ASSESSED_AT:
      g_value_set_boxed (value, self->assessed_at);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_PERCENT:
      g_value_set_double (value, self->percent);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, posture_level_to_string (self->level));
      break;
    case PROP_EARNED:
      g_value_set_uint (value, self->earned);
      break;
    case PROP_POSSIBLE:
      g_value_set_uint (value, self->possible);
      break;
    case PROP_N_CONTROLS:
      g_value_set_uint (value, self->controls->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_history_record_class_init (PostureHistoryRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_history_record_finalize;
  object_class->get_property = posture_history_record_get_property;

  properties[PROP_SEQUENCE] =
    g_param_spec_uint64 ("sequence", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_ASSESSED_AT] =
    g_param_spec_boxed ("assessed-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, NULL, flags);
  properties[PROP_PERCENT] =
    g_param_spec_double ("percent", NULL, NULL, -1, 100, -1, flags);
  properties[PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "unknown", flags);
  properties[PROP_EARNED] =
    g_param_spec_uint ("earned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_POSSIBLE] =
    g_param_spec_uint ("possible", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_CONTROLS] =
    g_param_spec_uint ("n-controls", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_history_record_init (PostureHistoryRecord *self)
{
  self->controls = g_ptr_array_new_with_free_func (history_control_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->percent = -1;
}

/**
 * posture_history_record_new_from_json:
 *
 * Reads one record of the history file.
 *
 * Returns: (transfer full): the record, or %NULL with POSTURE_STORE_ERROR_CORRUPT naming
 *   the member that was wrong
 */
PostureHistoryRecord *
posture_history_record_new_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(PostureHistoryRecord) self = NULL;
  JsonObject *object;
  JsonObject *names;
  JsonArray *controls;
  JsonNode *percent;
  const char *text;
  gint64 sequence = 0;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "a history record must be an object, found %s",
                   posture_json_node_type_name (node));
      return NULL;
    }

  object = json_node_get_object (node);
  self = g_object_new (POSTURE_TYPE_HISTORY_RECORD, NULL);

  text = posture_json_get_string (object, "assessed_at");
  if (text == NULL || !(self->assessed_at = g_date_time_new_from_iso8601 (text, NULL)))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "record.assessed_at: expected an ISO 8601 time");
      return NULL;
    }

  if (json_object_has_member (object, "sequence") &&
      (!posture_json_get_int (object, "sequence", &sequence) || sequence < 1))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "record.sequence: expected a reading number from 1");
      return NULL;
    }
  self->sequence = (guint64) sequence;

  self->profile = g_strdup (posture_json_get_string (object, "profile"));
  if (self->profile == NULL)
    self->profile = g_strdup ("all");

  if (!read_uint (object, "earned", &self->earned, "record", error) ||
      !read_uint (object, "possible", &self->possible, "record", error))
    return NULL;

  percent = json_object_get_member (object, "percent");
  if (percent != NULL && JSON_NODE_HOLDS_VALUE (percent) &&
      (json_node_get_value_type (percent) == G_TYPE_DOUBLE ||
       json_node_get_value_type (percent) == G_TYPE_INT64))
    self->percent = CLAMP (json_node_get_double (percent), 0.0, 100.0);
  if (self->possible == 0)
    self->percent = -1;

  if (!posture_level_from_string (posture_json_get_string (object, "level"), &self->level) ||
      self->level == POSTURE_LEVEL_UNKNOWN)
    self->level = posture_level_for_percent (self->percent);

  controls = posture_json_get_array (object, "controls");
  for (guint i = 0; controls != NULL && i < json_array_get_length (controls); i++)
    {
      JsonNode *element = json_array_get_element (controls, i);
      JsonObject *cobj = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      PostureHistoryControl *control;
      const char *id;
      const char *status;

      if (i >= MAX_CONTROLS || cobj == NULL ||
          !(id = posture_json_get_string (cobj, "id")) ||
          !(status = posture_json_get_string (cobj, "status")))
        {
          g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                       "record.controls[%u]: expected at most %u objects with an id and a "
                       "status", i, MAX_CONTROLS);
          return NULL;
        }

      control = g_new0 (PostureHistoryControl, 1);
      control->id = g_strdup (id);
      control->status = g_strdup (posture_status_from_string (status, NULL) ? status : "unknown");
      g_ptr_array_add (self->controls, control);

      if (!read_uint (cobj, "earned", &control->earned, "record.controls[]", error) ||
          !read_uint (cobj, "possible", &control->possible, "record.controls[]", error))
        return NULL;

      control->failing = read_string_array (posture_json_get_array (cobj, "failing"));
    }

  self->resources = read_string_array (posture_json_get_array (object, "resources"));
  sort_strv (self->resources);

  names = posture_json_get_object (object, "names");
  if (names != NULL)
    {
      JsonObjectIter iter;
      const char *id;
      JsonNode *name;

      json_object_iter_init (&iter, names);
      while (json_object_iter_next (&iter, &id, &name))
        if (JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
          g_hash_table_replace (self->names, g_strdup (id), json_node_dup_string (name));
    }

  return g_steal_pointer (&self);
}

/* Both constructors from an assessment go through these two, so that a record made in
 * the app and one imported by posture-cli from `assess --format json` are the same. */
static PostureHistoryControl *
add_control (PostureHistoryRecord *self,
             const char           *id,
             const char           *status,
             guint                 earned,
             guint                 possible)
{
  PostureHistoryControl *control = g_new0 (PostureHistoryControl, 1);

  control->id = g_strdup (id);
  control->status = g_strdup (status);
  control->earned = earned;
  control->possible = possible;
  g_ptr_array_add (self->controls, control);
  return control;
}

static void
add_resource (PostureHistoryRecord *self,
              GHashTable           *seen,
              GStrvBuilder         *all_resources,
              GStrvBuilder         *failing,
              const char           *tenant_id,
              const char           *id,
              const char           *name,
              gboolean              failed)
{
  if (failed)
    g_strv_builder_add (failing, id);
  if (name != NULL && name[0] != '\0' && g_strcmp0 (name, id) != 0)
    g_hash_table_replace (self->names, g_strdup (id), g_strdup (name));
  /* The tenant itself is not an environment. */
  if (g_strcmp0 (id, tenant_id) != 0 && g_hash_table_add (seen, (gpointer) id))
    g_strv_builder_add (all_resources, id);
}

static PostureHistoryRecord *
record_new (GDateTime  *assessed_at,
            const char *profile)
{
  PostureHistoryRecord *self = g_object_new (POSTURE_TYPE_HISTORY_RECORD, NULL);

  self->assessed_at = g_date_time_to_utc (assessed_at);
  self->profile = g_strdup (profile ? profile : "all");
  return self;
}

static void
record_finish (PostureHistoryRecord *self,
               GStrvBuilder         *all_resources)
{
  self->resources = g_strv_builder_end (all_resources);
  sort_strv (self->resources);
  if (self->possible == 0)
    self->percent = -1;
  if (self->level == POSTURE_LEVEL_UNKNOWN)
    self->level = posture_level_for_percent (self->percent);
}

/**
 * posture_history_record_new_from_assessment_json:
 * @node: an object as `posture-cli assess --format json` prints it
 *
 * Returns: (transfer full): the record, or %NULL with POSTURE_STORE_ERROR_CORRUPT
 */
PostureHistoryRecord *
posture_history_record_new_from_assessment_json (JsonNode  *node,
                                                 GError   **error)
{
  g_autoptr(PostureHistoryRecord) self = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) all_resources = g_strv_builder_new ();
  g_autoptr(GDateTime) assessed_at = NULL;
  JsonObject *object;
  JsonObject *score;
  JsonArray *controls;
  JsonNode *percent;
  const char *tenant_id;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !(score = posture_json_get_object (json_node_get_object (node), "score")))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "not an assessment: expected an object with a \"score\"");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!posture_json_get_string (object, "assessed_at") ||
      !(assessed_at = g_date_time_new_from_iso8601 (posture_json_get_string (object, "assessed_at"),
                                                    NULL)))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "assessed_at: expected an ISO 8601 time");
      return NULL;
    }

  self = record_new (assessed_at, posture_json_get_string (object, "profile"));
  if (!read_uint (score, "earned", &self->earned, "score", error) ||
      !read_uint (score, "possible", &self->possible, "score", error))
    return NULL;
  percent = json_object_get_member (score, "percent");
  if (percent != NULL && JSON_NODE_HOLDS_VALUE (percent) &&
      json_node_get_value_type (percent) != G_TYPE_STRING)
    self->percent = CLAMP (json_node_get_double (percent), 0.0, 100.0);
  posture_level_from_string (posture_json_get_string (score, "level"), &self->level);

  tenant_id = posture_json_get_path_string (object, "tenant.id");
  controls = posture_json_get_array (object, "controls");
  for (guint i = 0; controls != NULL && i < json_array_get_length (controls); i++)
    {
      JsonNode *element = json_array_get_element (controls, i);
      JsonObject *cobj = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autoptr(GStrvBuilder) failing = g_strv_builder_new ();
      PostureHistoryControl *control;
      JsonArray *resources;
      const char *status;
      guint earned = 0, possible = 0;

      if (cobj == NULL || posture_json_get_string (cobj, "id") == NULL)
        continue;
      if (i >= MAX_CONTROLS ||
          !read_uint (cobj, "earned", &earned, "controls[]", error) ||
          !read_uint (cobj, "possible", &possible, "controls[]", error))
        return NULL;

      status = posture_json_get_string (cobj, "status");
      control = add_control (self, posture_json_get_string (cobj, "id"),
                             posture_status_from_string (status, NULL) ? status : "unknown",
                             earned, possible);
      resources = posture_json_get_array (cobj, "resources");
      for (guint j = 0; resources != NULL && j < json_array_get_length (resources); j++)
        {
          JsonNode *rnode = json_array_get_element (resources, j);
          JsonObject *robj = JSON_NODE_HOLDS_OBJECT (rnode) ? json_node_get_object (rnode) : NULL;
          const char *rid = robj ? posture_json_get_string (robj, "id") : NULL;

          if (rid != NULL)
            add_resource (self, seen, all_resources, failing, tenant_id, rid,
                          posture_json_get_string (robj, "name"),
                          g_strcmp0 (posture_json_get_string (robj, "status"), "fail") == 0);
        }
      control->failing = g_strv_builder_end (failing);
    }

  record_finish (self, all_resources);
  return g_steal_pointer (&self);
}

/**
 * posture_history_record_new_from_assessment:
 *
 * Returns: (transfer full): the record of @assessment (its sequence is 0 until a
 *   history stores it)
 */
PostureHistoryRecord *
posture_history_record_new_from_assessment (PostureAssessment *assessment)
{
  PostureHistoryRecord *self;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) all_resources = g_strv_builder_new ();
  PostureScore score;
  GListModel *controls;
  const char *tenant_id;
  guint n;

  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (assessment), NULL);

  self = record_new (posture_assessment_get_assessed_at (assessment),
                     posture_profile_to_string (posture_assessment_get_profile (assessment)));
  posture_assessment_get_score (assessment, &score);
  self->earned = score.earned;
  self->possible = score.possible;
  self->percent = score.possible > 0 ? score.percent : -1;
  self->level = score.level;

  controls = posture_assessment_get_controls (assessment);
  n = g_list_model_get_n_items (controls);
  tenant_id = posture_assessment_get_tenant_id (assessment);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);
      g_autoptr(GStrvBuilder) failing = g_strv_builder_new ();
      guint n_resources = posture_control_result_get_n_resources (result);
      PostureHistoryControl *control;

      control = add_control (self, posture_control_result_get_id (result),
                             posture_status_to_string (posture_control_result_get_status (result)),
                             posture_control_result_get_earned (result),
                             posture_control_result_get_possible (result));
      for (guint j = 0; j < n_resources; j++)
        {
          PostureResourceResult *resource = posture_control_result_get_resource (result, j);

          add_resource (self, seen, all_resources, failing, tenant_id,
                        posture_resource_result_get_id (resource),
                        posture_resource_result_get_name (resource),
                        posture_resource_result_get_status (resource) == POSTURE_RESULT_FAIL);
        }
      control->failing = g_strv_builder_end (failing);
    }

  record_finish (self, all_resources);
  return self;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * posture_history_record_to_json:
 *
 * Returns: (transfer full): the record as the history file stores it
 */
JsonNode *
posture_history_record_to_json (PostureHistoryRecord *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *when = NULL;
  g_autofree const char **ids = NULL;
  guint n_ids = 0;

  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), NULL);

  when = format_time (self->assessed_at);

  json_builder_begin_object (builder);
  if (self->sequence > 0)
    {
      json_builder_set_member_name (builder, "sequence");
      json_builder_add_int_value (builder, (gint64) self->sequence);
    }
  json_builder_set_member_name (builder, "assessed_at");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "profile");
  json_builder_add_string_value (builder, self->profile);
  json_builder_set_member_name (builder, "percent");
  if (self->percent < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, self->percent);
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, posture_level_to_string (self->level));
  json_builder_set_member_name (builder, "earned");
  json_builder_add_int_value (builder, self->earned);
  json_builder_set_member_name (builder, "possible");
  json_builder_add_int_value (builder, self->possible);
  json_builder_set_member_name (builder, "controls");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->controls->len; i++)
    {
      const PostureHistoryControl *control = g_ptr_array_index (self->controls, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, control->id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, control->status);
      json_builder_set_member_name (builder, "earned");
      json_builder_add_int_value (builder, control->earned);
      json_builder_set_member_name (builder, "possible");
      json_builder_add_int_value (builder, control->possible);
      json_builder_set_member_name (builder, "failing");
      json_builder_begin_array (builder);
      for (guint j = 0; control->failing[j] != NULL; j++)
        json_builder_add_string_value (builder, control->failing[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "resources");
  json_builder_begin_array (builder);
  for (guint i = 0; self->resources[i] != NULL; i++)
    json_builder_add_string_value (builder, self->resources[i]);
  json_builder_end_array (builder);

  /* Sorted, so that a record always serialises the same. */
  json_builder_set_member_name (builder, "names");
  json_builder_begin_object (builder);
  ids = (const char **) g_hash_table_get_keys_as_array (self->names, &n_ids);
  qsort (ids, n_ids, sizeof (char *), compare_keys);
  for (guint i = 0; i < n_ids; i++)
    {
      json_builder_set_member_name (builder, ids[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (self->names, ids[i]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

guint64
posture_history_record_get_sequence (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), 0);
  return self->sequence;
}

GDateTime *
posture_history_record_get_assessed_at (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), NULL);
  return self->assessed_at;
}

const char *
posture_history_record_get_profile (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), NULL);
  return self->profile;
}

double
posture_history_record_get_percent (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), -1);
  return self->percent;
}

PostureLevel
posture_history_record_get_level (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), POSTURE_LEVEL_UNKNOWN);
  return self->level;
}

guint
posture_history_record_get_earned (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), 0);
  return self->earned;
}

guint
posture_history_record_get_possible (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), 0);
  return self->possible;
}

guint
posture_history_record_get_n_controls (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), 0);
  return self->controls->len;
}

const PostureHistoryControl *
posture_history_record_get_control (PostureHistoryRecord *self,
                                    guint                 position)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), NULL);
  g_return_val_if_fail (position < self->controls->len, NULL);
  return g_ptr_array_index (self->controls, position);
}

const char * const *
posture_history_record_get_resources (PostureHistoryRecord *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), NULL);
  return (const char * const *) self->resources;
}

const char *
posture_history_record_get_resource_name (PostureHistoryRecord *self,
                                          const char           *resource_id)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), NULL);
  g_return_val_if_fail (resource_id != NULL, NULL);
  return g_hash_table_lookup (self->names, resource_id);
}

const PostureHistoryControl *
posture_history_record_lookup_control (PostureHistoryRecord *self,
                                       const char           *control_id)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  for (guint i = 0; i < self->controls->len; i++)
    {
      const PostureHistoryControl *control = g_ptr_array_index (self->controls, i);

      if (g_str_equal (control->id, control_id))
        return control;
    }
  return NULL;
}

gboolean
posture_history_record_same_reading (PostureHistoryRecord *self,
                                     PostureHistoryRecord *other)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), FALSE);
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (other), FALSE);

  if (!g_date_time_equal (self->assessed_at, other->assessed_at) ||
      g_strcmp0 (self->profile, other->profile) != 0 ||
      self->earned != other->earned || self->possible != other->possible ||
      self->controls->len != other->controls->len ||
      !g_strv_equal ((const char * const *) self->resources,
                     (const char * const *) other->resources))
    return FALSE;

  for (guint i = 0; i < self->controls->len; i++)
    {
      const PostureHistoryControl *a = g_ptr_array_index (self->controls, i);
      const PostureHistoryControl *b = g_ptr_array_index (other->controls, i);

      if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->status, b->status) != 0 ||
          a->earned != b->earned || a->possible != b->possible ||
          !g_strv_equal ((const char * const *) a->failing, (const char * const *) b->failing))
        return FALSE;
    }
  return TRUE;
}
