/* posture-history.c: one record per assessment, kept per tenant
 *
 * The file is $XDG_DATA_HOME/posture/history/<tenant>.json:
 *
 *   { "posture_history": 1,
 *     "tenant": { "id": "…" },
 *     "records": [ { "assessed_at": "…Z", "profile": "all", "percent": 56.67 | null,
 *                    "level": "medium", "earned": 17, "possible": 30,
 *                    "controls": [ { "id": "…", "status": "partial", "earned": 2,
 *                                    "possible": 10, "failing": [ "<resource id>", … ] } ] } ] }
 *
 * Records are kept oldest first. Appends go through posture_state_file_update(), so the
 * app and posture-cli appending at once both keep their records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-history"

#include "config.h"

#include <math.h>
#include <string.h>

#include "posture-assessment.h"
#include "posture-error.h"
#include "posture-history.h"
#include "posture-json.h"
#include "posture-state-file.h"

/* A bound on what one file may hold, against damaged or hostile files. */
#define MAX_RECORDS  100000
#define MAX_CONTROLS 1000

struct _PostureHistoryRecord
{
  GObject     parent_instance;

  GDateTime  *assessed_at;
  char       *profile;
  double      percent;
  PostureLevel level;
  guint       earned;
  guint       possible;
  GPtrArray  *controls;   /* of PostureHistoryControl */
  GStrv       resources;  /* every resource id assessed (environments), sorted */
};

enum {
  REC_PROP_0,
  REC_PROP_ASSESSED_AT,
  REC_PROP_PROFILE,
  REC_PROP_PERCENT,
  REC_PROP_LEVEL,
  REC_PROP_EARNED,
  REC_PROP_POSSIBLE,
  REC_PROP_N_CONTROLS,
  REC_N_PROPS
};

static GParamSpec *record_properties [REC_N_PROPS];

G_DEFINE_FINAL_TYPE (PostureHistoryRecord, posture_history_record, G_TYPE_OBJECT)

static const char *level_names[] = { "unknown", "low", "medium", "high" };

static PostureLevel
level_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    if (g_strcmp0 (name, level_names[i]) == 0)
      return (PostureLevel) i;
  return POSTURE_LEVEL_UNKNOWN;
}

/* DESIGN.md: rounded half up, then low 0–50, medium 51–80, high 81–100. */
static PostureLevel
level_for_percent (double percent)
{
  double rounded;

  if (percent < 0 || isnan (percent))
    return POSTURE_LEVEL_UNKNOWN;
  rounded = floor (percent + 0.5);
  if (rounded <= 50)
    return POSTURE_LEVEL_LOW;
  if (rounded <= 80)
    return POSTURE_LEVEL_MEDIUM;
  return POSTURE_LEVEL_HIGH;
}

static const char *known_statuses[] = { "pass", "fail", "partial", "not-applicable",
                                        "unknown", "manual" };

static gboolean
is_known_status (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_statuses); i++)
    if (g_strcmp0 (status, known_statuses[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
history_control_free (gpointer data)
{
  PostureHistoryControl *control = data;

  g_free (control->id);
  g_free (control->status);
  g_strfreev (control->failing);
  g_free (control);
}

static void
posture_history_record_finalize (GObject *object)
{
  PostureHistoryRecord *self = (PostureHistoryRecord *) object;

  g_clear_pointer (&self->assessed_at, g_date_time_unref);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->controls, g_ptr_array_unref);
  g_clear_pointer (&self->resources, g_strfreev);

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
    case REC_PROP_ASSESSED_AT:
      g_value_set_boxed (value, self->assessed_at);
      break;
    case REC_PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case REC_PROP_PERCENT:
      g_value_set_double (value, self->percent);
      break;
    case REC_PROP_LEVEL:
      g_value_set_string (value, level_names[self->level]);
      break;
    case REC_PROP_EARNED:
      g_value_set_uint (value, self->earned);
      break;
    case REC_PROP_POSSIBLE:
      g_value_set_uint (value, self->possible);
      break;
    case REC_PROP_N_CONTROLS:
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

  record_properties[REC_PROP_ASSESSED_AT] =
    g_param_spec_boxed ("assessed-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  record_properties[REC_PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, NULL, flags);
  record_properties[REC_PROP_PERCENT] =
    g_param_spec_double ("percent", NULL, NULL, -1, 100, -1, flags);
  record_properties[REC_PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "unknown", flags);
  record_properties[REC_PROP_EARNED] =
    g_param_spec_uint ("earned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  record_properties[REC_PROP_POSSIBLE] =
    g_param_spec_uint ("possible", NULL, NULL, 0, G_MAXUINT, 0, flags);
  record_properties[REC_PROP_N_CONTROLS] =
    g_param_spec_uint ("n-controls", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, REC_N_PROPS, record_properties);
}

static void
posture_history_record_init (PostureHistoryRecord *self)
{
  self->controls = g_ptr_array_new_with_free_func (history_control_free);
  self->percent = -1;
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
  g_qsort_with_data (strv, g_strv_length (strv), sizeof (char *),
                     compare_strings, NULL);
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
  JsonArray *controls;
  JsonNode *percent;
  const char *text;

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
  else
    self->percent = -1;

  if (self->possible == 0)
    self->percent = -1;

  self->level = level_from_name (posture_json_get_string (object, "level"));
  if (self->level == POSTURE_LEVEL_UNKNOWN)
    self->level = level_for_percent (self->percent);

  controls = posture_json_get_array (object, "controls");
  for (guint i = 0; controls != NULL && i < json_array_get_length (controls) && i < MAX_CONTROLS; i++)
    {
      JsonNode *element = json_array_get_element (controls, i);
      JsonObject *cobj = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      PostureHistoryControl *control;
      const char *id;
      const char *status;

      if (cobj == NULL ||
          !(id = posture_json_get_string (cobj, "id")) ||
          !(status = posture_json_get_string (cobj, "status")))
        {
          g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                       "record.controls[%u]: expected an object with an id and a status", i);
          return NULL;
        }

      control = g_new0 (PostureHistoryControl, 1);
      control->id = g_strdup (id);
      control->status = g_strdup (is_known_status (status) ? status : "unknown");
      g_ptr_array_add (self->controls, control);

      if (!read_uint (cobj, "earned", &control->earned, "record.controls[]", error) ||
          !read_uint (cobj, "possible", &control->possible, "record.controls[]", error))
        return NULL;

      control->failing = read_string_array (posture_json_get_array (cobj, "failing"));
    }

  self->resources = read_string_array (posture_json_get_array (object, "resources"));
  sort_strv (self->resources);

  return g_steal_pointer (&self);
}

/**
 * posture_history_record_new_from_assessment_json:
 * @node: an object as `posture-cli assess --format json` prints it
 *
 * Returns: (transfer full): the record, or %NULL
 */
PostureHistoryRecord *
posture_history_record_new_from_assessment_json (JsonNode  *node,
                                                 GError   **error)
{
  g_autoptr(JsonNode) record = NULL;
  JsonObject *object;
  JsonObject *score;
  JsonObject *out;
  JsonArray *controls;
  JsonArray *out_controls;
  JsonArray *all_resources;
  JsonNode *percent;
  const char *tenant_id;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !(score = posture_json_get_object (json_node_get_object (node), "score")))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "not an assessment: expected an object with a \"score\"");
      return NULL;
    }

  object = json_node_get_object (node);
  out = json_object_new ();
  record = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (record, out);

  if (posture_json_get_string (object, "assessed_at"))
    json_object_set_string_member (out, "assessed_at", posture_json_get_string (object, "assessed_at"));
  if (posture_json_get_string (object, "profile"))
    json_object_set_string_member (out, "profile", posture_json_get_string (object, "profile"));
  if ((percent = json_object_get_member (score, "percent")))
    json_object_set_member (out, "percent", json_node_copy (percent));
  if (posture_json_get_string (score, "level"))
    json_object_set_string_member (out, "level", posture_json_get_string (score, "level"));
  if (json_object_has_member (score, "earned"))
    json_object_set_member (out, "earned", json_node_copy (json_object_get_member (score, "earned")));
  if (json_object_has_member (score, "possible"))
    json_object_set_member (out, "possible", json_node_copy (json_object_get_member (score, "possible")));

  out_controls = json_array_new ();
  json_object_set_array_member (out, "controls", out_controls);
  all_resources = json_array_new ();
  json_object_set_array_member (out, "resources", all_resources);
  tenant_id = posture_json_get_path_string (object, "tenant.id");
  controls = posture_json_get_array (object, "controls");
  for (guint i = 0; controls != NULL && i < json_array_get_length (controls); i++)
    {
      JsonNode *element = json_array_get_element (controls, i);
      JsonObject *cobj = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonArray *resources;
      JsonObject *oc;
      JsonArray *failing;

      if (cobj == NULL)
        continue;

      oc = json_object_new ();
      if (posture_json_get_string (cobj, "id"))
        json_object_set_string_member (oc, "id", posture_json_get_string (cobj, "id"));
      if (posture_json_get_string (cobj, "status"))
        json_object_set_string_member (oc, "status", posture_json_get_string (cobj, "status"));
      if (json_object_has_member (cobj, "earned"))
        json_object_set_member (oc, "earned", json_node_copy (json_object_get_member (cobj, "earned")));
      if (json_object_has_member (cobj, "possible"))
        json_object_set_member (oc, "possible", json_node_copy (json_object_get_member (cobj, "possible")));

      failing = json_array_new ();
      resources = posture_json_get_array (cobj, "resources");
      for (guint j = 0; resources != NULL && j < json_array_get_length (resources); j++)
        {
          JsonNode *rnode = json_array_get_element (resources, j);
          JsonObject *robj = JSON_NODE_HOLDS_OBJECT (rnode) ? json_node_get_object (rnode) : NULL;

          const char *rid = robj ? posture_json_get_string (robj, "id") : NULL;

          if (rid == NULL)
            continue;
          if (g_strcmp0 (posture_json_get_string (robj, "status"), "fail") == 0)
            json_array_add_string_element (failing, rid);
          if (g_strcmp0 (rid, tenant_id) != 0 && g_hash_table_add (seen, (gpointer) rid))
            json_array_add_string_element (all_resources, rid);
        }
      json_object_set_array_member (oc, "failing", failing);
      json_array_add_object_element (out_controls, oc);
    }

  return posture_history_record_new_from_json (record, error);
}

/**
 * posture_history_record_new_from_assessment:
 *
 * Returns: (transfer full): the record of @assessment
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

  self = g_object_new (POSTURE_TYPE_HISTORY_RECORD, NULL);
  self->assessed_at = g_date_time_to_utc (posture_assessment_get_assessed_at (assessment));
  self->profile = g_strdup (posture_profile_to_string (posture_assessment_get_profile (assessment)));
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
      PostureHistoryControl *control = g_new0 (PostureHistoryControl, 1);
      guint n_resources = posture_control_result_get_n_resources (result);

      control->id = g_strdup (posture_control_result_get_id (result));
      control->status = g_strdup (posture_status_to_string (posture_control_result_get_status (result)));
      control->earned = posture_control_result_get_earned (result);
      control->possible = posture_control_result_get_possible (result);
      for (guint j = 0; j < n_resources; j++)
        {
          PostureResourceResult *resource = posture_control_result_get_resource (result, j);

          const char *rid = posture_resource_result_get_id (resource);

          if (posture_resource_result_get_status (resource) == POSTURE_RESULT_FAIL)
            g_strv_builder_add (failing, rid);
          if (g_strcmp0 (rid, tenant_id) != 0 && g_hash_table_add (seen, (gpointer) rid))
            g_strv_builder_add (all_resources, rid);
        }
      control->failing = g_strv_builder_end (failing);
      g_ptr_array_add (self->controls, control);
    }

  self->resources = g_strv_builder_end (all_resources);
  sort_strv (self->resources);

  return self;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
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

  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (self), NULL);

  when = format_time (self->assessed_at);

  json_builder_begin_object (builder);
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
  json_builder_add_string_value (builder, level_names[self->level]);
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
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
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

/* ------------------------------------------------------------------------------------ */

struct _PostureHistory
{
  GObject     parent_instance;

  char       *tenant_id;
  char       *path;
  GPtrArray  *records;      /* of PostureHistoryRecord, oldest first */
  guint       retention_days;
};

enum {
  PROP_0,
  PROP_TENANT_ID,
  PROP_RETENTION_DAYS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
posture_history_get_item_type (GListModel *model)
{
  return POSTURE_TYPE_HISTORY_RECORD;
}

static guint
posture_history_get_n_items (GListModel *model)
{
  return POSTURE_HISTORY (model)->records->len;
}

static gpointer
posture_history_get_item (GListModel *model,
                          guint       position)
{
  PostureHistory *self = POSTURE_HISTORY (model);

  if (position >= self->records->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->records, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = posture_history_get_item_type;
  iface->get_n_items = posture_history_get_n_items;
  iface->get_item = posture_history_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PostureHistory, posture_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
posture_history_finalize (GObject *object)
{
  PostureHistory *self = (PostureHistory *) object;

  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_history_parent_class)->finalize (object);
}

static void
posture_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PostureHistory *self = POSTURE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_TENANT_ID:
      g_value_set_string (value, self->tenant_id);
      break;
    case PROP_RETENTION_DAYS:
      g_value_set_uint (value, self->retention_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_history_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PostureHistory *self = POSTURE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_TENANT_ID:
      {
        g_autofree char *name = NULL;

        self->tenant_id = g_value_dup_string (value);
        if (self->tenant_id == NULL)
          self->tenant_id = g_strdup ("demo");
        name = posture_state_file_name_for (self->tenant_id);
        self->path = posture_state_path (POSTURE_STATE_DATA, "history", name, NULL);
        {
          char *with_ext = g_strconcat (self->path, ".json", NULL);

          g_free (self->path);
          self->path = with_ext;
        }
      }
      break;
    case PROP_RETENTION_DAYS:
      posture_history_set_retention_days (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_history_class_init (PostureHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_history_finalize;
  object_class->get_property = posture_history_get_property;
  object_class->set_property = posture_history_set_property;

  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETENTION_DAYS] =
    g_param_spec_uint ("retention-days", NULL, NULL, 0, 36500, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_history_init (PostureHistory *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * posture_history_new:
 * @tenant_id: the tenant's id (any string: it is made safe for a file name)
 *
 * Returns: (transfer full): an empty history; call posture_history_load()
 */
PostureHistory *
posture_history_new (const char *tenant_id)
{
  g_return_val_if_fail (tenant_id != NULL, NULL);

  return g_object_new (POSTURE_TYPE_HISTORY, "tenant-id", tenant_id, NULL);
}

const char *
posture_history_get_tenant_id (PostureHistory *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);
  return self->tenant_id;
}

char *
posture_history_dup_path (PostureHistory *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);
  return g_strdup (self->path);
}

guint
posture_history_get_retention_days (PostureHistory *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), 0);
  return self->retention_days;
}

void
posture_history_set_retention_days (PostureHistory *self,
                                    guint           days)
{
  g_return_if_fail (POSTURE_IS_HISTORY (self));

  if (self->retention_days == days)
    return;
  self->retention_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETENTION_DAYS]);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  PostureHistoryRecord *ra = *(PostureHistoryRecord **) a;
  PostureHistoryRecord *rb = *(PostureHistoryRecord **) b;

  return g_date_time_compare (ra->assessed_at, rb->assessed_at);
}

/* Reads the records of a loaded file, skipping (and counting) damaged ones: one bad
 * record must not cost the whole history. */
static GPtrArray *
records_from_root (JsonObject *root,
                   guint      *n_skipped)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = posture_json_get_array (root, "records");

  *n_skipped = 0;
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && i < MAX_RECORDS; i++)
    {
      g_autoptr(GError) error = NULL;
      PostureHistoryRecord *record;

      record = posture_history_record_new_from_json (json_array_get_element (array, i), &error);
      if (record == NULL)
        {
          g_debug ("Skipping history record %u: %s", i, error->message);
          (*n_skipped)++;
          continue;
        }
      g_ptr_array_add (records, record);
    }

  g_ptr_array_sort (records, compare_records);
  return records;
}

static void
replace_records (PostureHistory *self,
                 GPtrArray      *records)
{
  guint old_len = self->records->len;

  g_clear_pointer (&self->records, g_ptr_array_unref);
  self->records = g_ptr_array_ref (records);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, records->len);
}

static GPtrArray *
load_records (const char  *path,
              GError     **recovered,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint n_skipped = 0;
  GPtrArray *records;

  root = posture_state_file_load (path, POSTURE_HISTORY_FORMAT_KEY,
                                  POSTURE_HISTORY_FORMAT_VERSION, NULL, &local_error);
  if (root == NULL)
    {
      if (g_error_matches (local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!g_error_matches (local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND) &&
          recovered != NULL)
        g_propagate_error (recovered, g_steal_pointer (&local_error));
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  records = records_from_root (json_node_get_object (root), &n_skipped);
  if (n_skipped > 0 && recovered != NULL && *recovered == NULL)
    g_set_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                 "%u damaged record(s) in %s were skipped", n_skipped, path);
  return records;
}

gboolean
posture_history_load (PostureHistory  *self,
                      GError         **recovered,
                      GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(records = load_records (self->path, recovered, error)))
    return FALSE;

  replace_records (self, records);
  return TRUE;
}

typedef struct
{
  char      *path;
  JsonNode  *record;          /* for append */
  guint      retention_days;
  GPtrArray *records;         /* result */
  GError    *recovered;
} HistoryTaskData;

static void
history_task_data_free (gpointer data)
{
  HistoryTaskData *td = data;

  g_free (td->path);
  g_clear_pointer (&td->record, json_node_unref);
  g_clear_pointer (&td->records, g_ptr_array_unref);
  g_clear_error (&td->recovered);
  g_free (td);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HistoryTaskData *td = task_data;
  GError *error = NULL;

  if (!(td->records = load_records (td->path, &td->recovered, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
posture_history_load_async (PostureHistory      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  HistoryTaskData *td;

  g_return_if_fail (POSTURE_IS_HISTORY (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_history_load_async);
  g_task_set_return_on_cancel (task, TRUE);
  td = g_new0 (HistoryTaskData, 1);
  td->path = g_strdup (self->path);
  g_task_set_task_data (task, td, history_task_data_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
posture_history_load_finish (PostureHistory  *self,
                             GAsyncResult    *result,
                             GError         **recovered,
                             GError         **error)
{
  HistoryTaskData *td;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_history_load_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  td = g_task_get_task_data (G_TASK (result));
  replace_records (self, td->records);
  if (td->recovered != NULL && recovered != NULL)
    g_propagate_error (recovered, g_steal_pointer (&td->recovered));
  return TRUE;
}

typedef struct
{
  const char *tenant_id;
  JsonNode   *record;
  guint       retention_days;
  GPtrArray  *records;   /* out */
} AppendData;

static gboolean
append_update_cb (JsonObject  *root,
                  gpointer     user_data,
                  GError     **error)
{
  AppendData *data = user_data;
  g_autoptr(PostureHistoryRecord) added = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) cutoff = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  JsonArray *array;
  JsonObject *tenant;
  guint n_skipped = 0;
  gboolean duplicate = FALSE;

  if (!(added = posture_history_record_new_from_json (data->record, error)))
    return FALSE;

  data->records = records_from_root (root, &n_skipped);

  for (guint i = 0; i < data->records->len; i++)
    {
      PostureHistoryRecord *r = g_ptr_array_index (data->records, i);

      if (g_date_time_equal (r->assessed_at, added->assessed_at) &&
          g_strcmp0 (r->profile, added->profile) == 0)
        duplicate = TRUE;
    }
  if (!duplicate)
    {
      g_ptr_array_add (data->records, g_object_ref (added));
      g_ptr_array_sort (data->records, compare_records);
    }

  if (data->retention_days > 0)
    cutoff = g_date_time_add_days (now, -(int) data->retention_days);

  kept = g_ptr_array_new_with_free_func (g_object_unref);
  array = json_array_new ();
  for (guint i = 0; i < data->records->len; i++)
    {
      PostureHistoryRecord *r = g_ptr_array_index (data->records, i);

      /* The record just added is always kept, whatever its time. */
      if (cutoff != NULL && r != added && g_date_time_compare (r->assessed_at, cutoff) < 0)
        continue;
      g_ptr_array_add (kept, g_object_ref (r));
      json_array_add_element (array, posture_history_record_to_json (r));
    }
  g_ptr_array_unref (data->records);
  data->records = g_steal_pointer (&kept);

  json_object_set_array_member (root, "records", array);
  if (!(tenant = posture_json_get_object (root, "tenant")))
    {
      tenant = json_object_new ();
      json_object_set_object_member (root, "tenant", tenant);
    }
  json_object_set_string_member (tenant, "id", data->tenant_id);
  return TRUE;
}

static GPtrArray *
append_record (const char  *path,
               const char  *tenant_id,
               JsonNode    *record,
               guint        retention_days,
               GError     **recovered,
               GError     **error)
{
  AppendData data = { tenant_id, record, retention_days, NULL };

  if (!posture_state_file_update (path, POSTURE_HISTORY_FORMAT_KEY,
                                  POSTURE_HISTORY_FORMAT_VERSION, append_update_cb, &data,
                                  recovered, error))
    {
      g_clear_pointer (&data.records, g_ptr_array_unref);
      return NULL;
    }

  return data.records;
}

gboolean
posture_history_append (PostureHistory        *self,
                        PostureHistoryRecord  *record,
                        GError               **recovered,
                        GError               **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  node = posture_history_record_to_json (record);
  if (!(records = append_record (self->path, self->tenant_id, node, self->retention_days,
                                 recovered, error)))
    return FALSE;

  replace_records (self, records);
  return TRUE;
}

static void
append_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  HistoryTaskData *td = task_data;
  PostureHistory *self = source_object;
  GError *error = NULL;

  /* tenant_id is construct-only, so reading it here is safe. */
  if (!(td->records = append_record (td->path, self->tenant_id, td->record,
                                     td->retention_days, &td->recovered, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
posture_history_append_async (PostureHistory        *self,
                              PostureHistoryRecord  *record,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  HistoryTaskData *td;

  g_return_if_fail (POSTURE_IS_HISTORY (self));
  g_return_if_fail (POSTURE_IS_HISTORY_RECORD (record));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_history_append_async);
  td = g_new0 (HistoryTaskData, 1);
  td->path = g_strdup (self->path);
  td->record = posture_history_record_to_json (record);
  td->retention_days = self->retention_days;
  g_task_set_task_data (task, td, history_task_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_run_in_thread (task, append_thread);
}

/* A damaged file found during the append was moved aside and replaced; that is logged,
 * not failed: the new record is stored. */
gboolean
posture_history_append_finish (PostureHistory  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  HistoryTaskData *td;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_history_append_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  td = g_task_get_task_data (G_TASK (result));
  if (td->recovered != NULL)
    g_message ("%s", td->recovered->message);
  replace_records (self, td->records);
  return TRUE;
}

PostureHistoryRecord *
posture_history_get_latest (PostureHistory *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);

  if (self->records->len == 0)
    return NULL;
  return g_ptr_array_index (self->records, self->records->len - 1);
}

PostureHistoryRecord *
posture_history_get_previous (PostureHistory *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);

  if (self->records->len < 2)
    return NULL;
  return g_ptr_array_index (self->records, self->records->len - 2);
}

gboolean
posture_history_format_from_string (const char           *text,
                                    PostureHistoryFormat *format)
{
  if (g_strcmp0 (text, "text") == 0)
    *format = POSTURE_HISTORY_FORMAT_TEXT;
  else if (g_strcmp0 (text, "json") == 0)
    *format = POSTURE_HISTORY_FORMAT_JSON;
  else if (g_strcmp0 (text, "csv") == 0)
    *format = POSTURE_HISTORY_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

/* RFC 4180 quoting; a leading = + - @ is prefixed with ' so that a spreadsheet never
 * runs a tenant-supplied value as a formula. */
static void
append_csv_field (GString    *out,
                  const char *value)
{
  gboolean quote = strpbrk (value, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (strchr ("=+-@", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static char *
format_percent (double percent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (percent < 0)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", percent));
}

char *
posture_history_format (PostureHistory       *self,
                        PostureHistoryFormat  format)
{
  GString *out;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);

  if (format == POSTURE_HISTORY_FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonObject *tenant = json_object_new ();
      JsonArray *array = json_array_new ();
      char *text;

      json_object_set_int_member (object, POSTURE_HISTORY_FORMAT_KEY, POSTURE_HISTORY_FORMAT_VERSION);
      json_object_set_string_member (tenant, "id", self->tenant_id);
      json_object_set_object_member (object, "tenant", tenant);
      for (guint i = 0; i < self->records->len; i++)
        json_array_add_element (array, posture_history_record_to_json (g_ptr_array_index (self->records, i)));
      json_object_set_array_member (object, "records", array);
      json_node_take_object (root, object);
      text = posture_json_to_string (root, TRUE);
      out = g_string_new (text);
      g_free (text);
      g_string_append_c (out, '\n');
      return g_string_free (out, FALSE);
    }

  out = g_string_new (NULL);

  if (format == POSTURE_HISTORY_FORMAT_CSV)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < self->records->len; i++)
        {
          PostureHistoryRecord *r = g_ptr_array_index (self->records, i);

          for (guint j = 0; j < r->controls->len; j++)
            {
              PostureHistoryControl *c = g_ptr_array_index (r->controls, j);

              if (g_hash_table_add (seen, c->id))
                g_ptr_array_add (ids, c->id);
            }
        }

      g_string_append (out, "assessed_at,profile,percent,level,earned,possible");
      for (guint k = 0; k < ids->len; k++)
        {
          g_string_append_c (out, ',');
          append_csv_field (out, g_ptr_array_index (ids, k));
        }
      g_string_append (out, "\r\n");

      for (guint i = 0; i < self->records->len; i++)
        {
          PostureHistoryRecord *r = g_ptr_array_index (self->records, i);
          g_autofree char *when = format_time (r->assessed_at);
          g_autofree char *percent = format_percent (r->percent);

          g_string_append_printf (out, "%s,", when);
          append_csv_field (out, r->profile);
          g_string_append_printf (out, ",%s,%s,%u,%u", percent, level_names[r->level],
                                  r->earned, r->possible);
          for (guint k = 0; k < ids->len; k++)
            {
              const PostureHistoryControl *c =
                posture_history_record_lookup_control (r, g_ptr_array_index (ids, k));

              g_string_append_c (out, ',');
              if (c != NULL)
                g_string_append (out, c->status);
            }
          g_string_append (out, "\r\n");
        }

      return g_string_free (out, FALSE);
    }

  /* Text: a table for people. */
  if (self->records->len == 0)
    {
      g_string_append_printf (out, "No assessment of %s has been recorded yet.\n", self->tenant_id);
      return g_string_free (out, FALSE);
    }

  g_string_append_printf (out, "%-5s %-20s %-8s %7s %-8s %s\n",
                          "#", "Assessed (UTC)", "Profile", "Score", "Level", "Points");
  for (guint i = 0; i < self->records->len; i++)
    {
      PostureHistoryRecord *r = g_ptr_array_index (self->records, i);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (r->assessed_at);
      g_autofree char *when = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");
      g_autofree char *percent = r->percent < 0 ? g_strdup ("—") : format_percent (r->percent);
      g_autofree char *profile = g_utf8_make_valid (r->profile, -1);

      g_string_append_printf (out, "%-5u %-20s %-8s %6s%s %-8s %u/%u\n",
                              i + 1, when, profile, percent, r->percent < 0 ? " " : "%",
                              level_names[r->level], r->earned, r->possible);
    }

  return g_string_free (out, FALSE);
}
