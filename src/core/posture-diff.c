/* posture-diff.c: what changed between two assessments of a tenant
 *
 * Works on history records (not on live assessments), so that any two points of the
 * history can be compared, long after the snapshots are gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-diff"

#include "config.h"

#include <math.h>
#include <string.h>

#include "posture-diff.h"

struct _PostureDiff
{
  GObject               parent_instance;

  PostureHistoryRecord *older;
  PostureHistoryRecord *newer;
  GPtrArray            *entries;    /* of PostureDiffEntry */
  double                score_delta;
  guint                 n_regressed;
  guint                 n_improved;
};

enum {
  PROP_0,
  PROP_OLDER,
  PROP_NEWER,
  PROP_SCORE_DELTA,
  PROP_N_REGRESSED,
  PROP_N_IMPROVED,
  PROP_REGRESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
posture_diff_get_item_type (GListModel *model)
{
  return POSTURE_TYPE_DIFF_ENTRY;
}

static guint
posture_diff_get_n_items (GListModel *model)
{
  return POSTURE_DIFF (model)->entries->len;
}

static gpointer
posture_diff_get_item (GListModel *model,
                       guint       position)
{
  PostureDiff *self = POSTURE_DIFF (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = posture_diff_get_item_type;
  iface->get_n_items = posture_diff_get_n_items;
  iface->get_item = posture_diff_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PostureDiff, posture_diff, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
posture_diff_finalize (GObject *object)
{
  PostureDiff *self = (PostureDiff *) object;

  g_clear_object (&self->older);
  g_clear_object (&self->newer);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_diff_parent_class)->finalize (object);
}

static void
posture_diff_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PostureDiff *self = POSTURE_DIFF (object);

  switch (prop_id)
    {
    case PROP_OLDER:
      g_value_set_object (value, self->older);
      break;
    case PROP_NEWER:
      g_value_set_object (value, self->newer);
      break;
    case PROP_SCORE_DELTA:
      g_value_set_double (value, self->score_delta);
      break;
    case PROP_N_REGRESSED:
      g_value_set_uint (value, self->n_regressed);
      break;
    case PROP_N_IMPROVED:
      g_value_set_uint (value, self->n_improved);
      break;
    case PROP_REGRESSION:
      g_value_set_boolean (value, posture_diff_is_regression (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_diff_class_init (PostureDiffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_diff_finalize;
  object_class->get_property = posture_diff_get_property;

  properties [PROP_OLDER] =
      g_param_spec_object ("older", NULL, NULL, POSTURE_TYPE_HISTORY_RECORD, flags);
  properties [PROP_NEWER] =
      g_param_spec_object ("newer", NULL, NULL, POSTURE_TYPE_HISTORY_RECORD, flags);
  properties [PROP_SCORE_DELTA] =
      g_param_spec_double ("score-delta", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties [PROP_N_REGRESSED] =
      g_param_spec_uint ("n-regressed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_N_IMPROVED] =
      g_param_spec_uint ("n-improved", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_REGRESSION] = g_param_spec_boolean ("regression", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_diff_init (PostureDiff *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

/* pass > partial > fail; the other statuses have no order. */
static int
status_rank (const char *status)
{
  if (g_strcmp0 (status, "pass") == 0)
    return 2;
  if (g_strcmp0 (status, "partial") == 0)
    return 1;
  if (g_strcmp0 (status, "fail") == 0)
    return 0;
  return -1;
}

static int
compare_fraction (guint a_earned,
                  guint a_possible,
                  guint b_earned,
                  guint b_possible)
{
  guint64 left = (guint64) a_earned * b_possible;
  guint64 right = (guint64) b_earned * a_possible;

  if (a_possible == 0 || b_possible == 0)
    return 0;
  return left < right ? -1 : left > right ? 1 : 0;
}

static gboolean
strv_has_sorted (const char * const *sorted,
                 guint               n,
                 const char         *value)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (sorted[mid], value);

      if (cmp == 0)
        return TRUE;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static GHashTable *
strv_set (const char * const *strv)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) strv[i]);
  return set;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  PostureDiffEntry *ea = *(PostureDiffEntry **) a;
  PostureDiffEntry *eb = *(PostureDiffEntry **) b;
  int cmp;

  if (posture_diff_entry_get_kind (ea) != posture_diff_entry_get_kind (eb))
    return (int) posture_diff_entry_get_kind (ea) - (int) posture_diff_entry_get_kind (eb);
  if ((cmp = g_strcmp0 (posture_diff_entry_get_control_id (ea),
                        posture_diff_entry_get_control_id (eb))))
    return cmp;
  return g_strcmp0 (posture_diff_entry_get_resource_id (ea),
                    posture_diff_entry_get_resource_id (eb));
}

/* The name the newer record kept for a resource, else the older one's. */
static const char *
resource_name (PostureDiff *self,
               const char  *resource_id)
{
  const char *name;

  if (resource_id == NULL)
    return NULL;
  name = posture_history_record_get_resource_name (self->newer, resource_id);
  return name ? name : posture_history_record_get_resource_name (self->older, resource_id);
}

static void
add_entry (PostureDiff                 *self,
           PostureDiffKind              kind,
           const PostureHistoryControl *from,
           const PostureHistoryControl *to,
           const char                  *resource_id)
{
  g_ptr_array_add (self->entries,
                   _posture_diff_entry_new (kind,
                                            to ? to->id : from ? from->id : NULL,
                                            resource_id,
                                            resource_name (self, resource_id),
                                            from ? from->status : NULL,
                                            to ? to->status : NULL,
                                            from ? from->earned : 0,
                                            from ? from->possible : 0,
                                            to ? to->earned : 0,
                                            to ? to->possible : 0));
}

static void
compare_resources (PostureDiff                 *self,
                   const PostureHistoryControl *from,
                   const PostureHistoryControl *to)
{
  const char * const *newer_resources = posture_history_record_get_resources (self->newer);
  guint n_newer = g_strv_length ((GStrv) newer_resources);
  g_autoptr(GHashTable) old_failing = strv_set ((const char * const *) from->failing);
  g_autoptr(GHashTable) new_failing = strv_set ((const char * const *) to->failing);

  for (guint i = 0; to->failing[i] != NULL; i++)
    if (!g_hash_table_contains (old_failing, to->failing[i]))
      add_entry (self, POSTURE_DIFF_RESOURCE_FAILING, from, to, to->failing[i]);

  for (guint i = 0; from->failing[i] != NULL; i++)
    {
      if (g_hash_table_contains (new_failing, from->failing[i]))
        continue;
      /* An environment that went away is reported as such, not as fixed. */
      if (n_newer > 0 && !strv_has_sorted (newer_resources, n_newer, from->failing [i]) &&
          strv_has_sorted (posture_history_record_get_resources (self->older),
                           g_strv_length (
                               (GStrv) posture_history_record_get_resources (self->older)),
                           from->failing [i]))
        continue;
      add_entry (self, POSTURE_DIFF_RESOURCE_FIXED, from, to, from->failing[i]);
    }
}

/**
 * posture_diff_new:
 * @older: the earlier record
 * @newer: the later record
 *
 * Returns: (transfer full): what changed from @older to @newer
 */
PostureDiff *
posture_diff_new (PostureHistoryRecord *older,
                  PostureHistoryRecord *newer)
{
  PostureDiff *self;
  const char * const *old_resources;
  const char * const *new_resources;
  double old_percent, new_percent;
  guint n_old, n_new;

  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (older), NULL);
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (newer), NULL);

  self = g_object_new (POSTURE_TYPE_DIFF, NULL);
  self->older = g_object_ref (older);
  self->newer = g_object_ref (newer);

  old_percent = posture_history_record_get_percent (older);
  new_percent = posture_history_record_get_percent (newer);
  self->score_delta = (old_percent < 0 || new_percent < 0) ? NAN : new_percent - old_percent;

  for (guint i = 0; i < posture_history_record_get_n_controls (newer); i++)
    {
      const PostureHistoryControl *to = posture_history_record_get_control (newer, i);
      const PostureHistoryControl *from = posture_history_record_lookup_control (older, to->id);
      int old_rank, new_rank, cmp = 0;

      if (from == NULL)
        {
          add_entry (self, POSTURE_DIFF_CONTROL_ADDED, NULL, to, NULL);
          continue;
        }

      old_rank = status_rank (from->status);
      new_rank = status_rank (to->status);
      if (old_rank >= 0 && new_rank >= 0)
        {
          cmp = new_rank - old_rank;
          if (cmp == 0 && new_rank == 1)
            cmp = compare_fraction (to->earned, to->possible, from->earned, from->possible);
        }

      if (cmp < 0)
        {
          add_entry (self, POSTURE_DIFF_CONTROL_REGRESSED, from, to, NULL);
          self->n_regressed++;
        }
      else if (cmp > 0)
        {
          add_entry (self, POSTURE_DIFF_CONTROL_IMPROVED, from, to, NULL);
          self->n_improved++;
        }
      else if (g_strcmp0 (from->status, to->status) != 0)
        add_entry (self, POSTURE_DIFF_CONTROL_CHANGED, from, to, NULL);

      compare_resources (self, from, to);
    }

  for (guint i = 0; i < posture_history_record_get_n_controls (older); i++)
    {
      const PostureHistoryControl *from = posture_history_record_get_control (older, i);

      if (posture_history_record_lookup_control (newer, from->id) == NULL)
        add_entry (self, POSTURE_DIFF_CONTROL_REMOVED, from, NULL, NULL);
    }

  /* Environments: only when both records list them (records of an older format may not). */
  old_resources = posture_history_record_get_resources (older);
  new_resources = posture_history_record_get_resources (newer);
  n_old = g_strv_length ((GStrv) old_resources);
  n_new = g_strv_length ((GStrv) new_resources);
  if (n_old > 0 && n_new > 0)
    {
      for (guint i = 0; i < n_new; i++)
        if (!strv_has_sorted (old_resources, n_old, new_resources[i]))
          g_ptr_array_add (self->entries,
                           _posture_diff_entry_new (POSTURE_DIFF_RESOURCE_APPEARED, NULL,
                                                    new_resources[i],
                                                    resource_name (self, new_resources[i]),
                                                    NULL, NULL, 0, 0, 0, 0));
      for (guint i = 0; i < n_old; i++)
        if (!strv_has_sorted (new_resources, n_new, old_resources[i]))
          g_ptr_array_add (self->entries,
                           _posture_diff_entry_new (POSTURE_DIFF_RESOURCE_WENT_AWAY, NULL,
                                                    old_resources[i],
                                                    resource_name (self, old_resources[i]),
                                                    NULL, NULL, 0, 0, 0, 0));
    }

  g_ptr_array_sort (self->entries, compare_entries);
  return self;
}

PostureHistoryRecord *
posture_diff_get_older (PostureDiff *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF (self), NULL);
  return self->older;
}

PostureHistoryRecord *
posture_diff_get_newer (PostureDiff *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF (self), NULL);
  return self->newer;
}

double
posture_diff_get_score_delta (PostureDiff *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF (self), NAN);
  return self->score_delta;
}

guint
posture_diff_get_n_regressed (PostureDiff *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF (self), 0);
  return self->n_regressed;
}

guint
posture_diff_get_n_improved (PostureDiff *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF (self), 0);
  return self->n_improved;
}

/* A drop smaller than half a hundredth of a point is rounding, not a regression. */
gboolean
posture_diff_is_regression (PostureDiff *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF (self), FALSE);

  if (self->n_regressed > 0)
    return TRUE;
  return !isnan (self->score_delta) && self->score_delta < -0.005;
}

static char *
describe_score (PostureHistoryRecord *record)
{
  double percent = posture_history_record_get_percent (record);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *level = NULL;

  g_object_get (record, "level", &level, NULL);
  if (percent < 0)
    return g_strdup ("no score");
  return g_strdup_printf ("%s%% (%s, %u/%u)", g_ascii_formatd (buf, sizeof buf, "%.2f", percent),
                          level, posture_history_record_get_earned (record),
                          posture_history_record_get_possible (record));
}

static const char *section_titles[] = {
  "Controls that regressed",
  "Controls that improved",
  "Controls whose status changed",
  "Controls now assessed",
  "Controls no longer assessed",
  "Resources that started failing",
  "Resources that stopped failing",
  "Environments that appeared",
  "Environments that went away",
};

char *
posture_diff_to_text (PostureDiff *self)
{
  GString *out;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GDateTime) old_utc = NULL;
  g_autoptr(GDateTime) new_utc = NULL;
  g_autofree char *old_when = NULL;
  g_autofree char *new_when = NULL;
  int last_kind = -1;

  g_return_val_if_fail (POSTURE_IS_DIFF (self), NULL);

  out = g_string_new (NULL);
  old_utc = g_date_time_to_utc (posture_history_record_get_assessed_at (self->older));
  new_utc = g_date_time_to_utc (posture_history_record_get_assessed_at (self->newer));
  old_when = g_date_time_format (old_utc, "%Y-%m-%d %H:%M:%S UTC");
  new_when = g_date_time_format (new_utc, "%Y-%m-%d %H:%M:%S UTC");
  from = describe_score (self->older);
  to = describe_score (self->newer);

  g_string_append_printf (out, "From %s to %s\n", old_when, new_when);
  g_string_append_printf (out, "Score: %s → %s", from, to);
  if (!isnan (self->score_delta))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, ", %s%s points", self->score_delta >= 0 ? "+" : "",
                              g_ascii_formatd (buf, sizeof buf, "%.2f", self->score_delta));
    }
  g_string_append_c (out, '\n');

  if (self->entries->len == 0)
    {
      g_string_append (out, "No control or resource changed.\n");
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      PostureDiffEntry *entry = g_ptr_array_index (self->entries, i);
      PostureDiffKind kind = posture_diff_entry_get_kind (entry);
      guint fe, fp, te, tp;

      if ((int) kind != last_kind)
        {
          guint n = 0;

          for (guint j = i; j < self->entries->len &&
               posture_diff_entry_get_kind (g_ptr_array_index (self->entries, j)) == kind; j++)
            n++;
          g_string_append_printf (out, "\n%s (%u):\n", section_titles[kind], n);
          last_kind = kind;
        }

      posture_diff_entry_get_points (entry, &fe, &fp, &te, &tp);
      switch (kind)
        {
        case POSTURE_DIFF_CONTROL_REGRESSED:
        case POSTURE_DIFF_CONTROL_IMPROVED:
        case POSTURE_DIFF_CONTROL_CHANGED:
          g_string_append_printf (out, "  %s: %s → %s (%u/%u → %u/%u points)\n",
                                  posture_diff_entry_get_control_id (entry),
                                  posture_diff_entry_get_from_status (entry),
                                  posture_diff_entry_get_to_status (entry), fe, fp, te, tp);
          break;
        case POSTURE_DIFF_CONTROL_ADDED:
          g_string_append_printf (out, "  %s: %s\n", posture_diff_entry_get_control_id (entry),
                                  posture_diff_entry_get_to_status (entry));
          break;
        case POSTURE_DIFF_CONTROL_REMOVED:
          g_string_append_printf (out, "  %s (was %s)\n", posture_diff_entry_get_control_id (entry),
                                  posture_diff_entry_get_from_status (entry));
          break;
        case POSTURE_DIFF_RESOURCE_FAILING:
        case POSTURE_DIFF_RESOURCE_FIXED:
          g_string_append_printf (out, "  %s: %s\n", posture_diff_entry_get_control_id (entry),
                                  posture_diff_entry_get_resource_id (entry));
          break;
        case POSTURE_DIFF_RESOURCE_APPEARED:
        case POSTURE_DIFF_RESOURCE_WENT_AWAY:
        default:
          g_string_append_printf (out, "  %s\n", posture_diff_entry_get_resource_id (entry));
          break;
        }
    }

  return g_string_free (out, FALSE);
}

JsonNode *
posture_diff_to_json (PostureDiff *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) old_utc = NULL;
  g_autoptr(GDateTime) new_utc = NULL;
  g_autofree char *old_when = NULL;
  g_autofree char *new_when = NULL;

  g_return_val_if_fail (POSTURE_IS_DIFF (self), NULL);

  old_utc = g_date_time_to_utc (posture_history_record_get_assessed_at (self->older));
  new_utc = g_date_time_to_utc (posture_history_record_get_assessed_at (self->newer));
  old_when = g_date_time_format (old_utc, "%Y-%m-%dT%H:%M:%SZ");
  new_when = g_date_time_format (new_utc, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "older");
  json_builder_add_string_value (builder, old_when);
  json_builder_set_member_name (builder, "newer");
  json_builder_add_string_value (builder, new_when);
  json_builder_set_member_name (builder, "score_delta");
  if (isnan (self->score_delta))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, round (self->score_delta * 100) / 100);
  json_builder_set_member_name (builder, "regression");
  json_builder_add_boolean_value (builder, posture_diff_is_regression (self));
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      PostureDiffEntry *entry = g_ptr_array_index (self->entries, i);
      guint fe, fp, te, tp;

      posture_diff_entry_get_points (entry, &fe, &fp, &te, &tp);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, posture_diff_kind_to_string (
                                                  posture_diff_entry_get_kind (entry)));
      if (posture_diff_entry_get_control_id (entry))
        {
          json_builder_set_member_name (builder, "control");
          json_builder_add_string_value (builder, posture_diff_entry_get_control_id (entry));
        }
      if (posture_diff_entry_get_resource_id (entry))
        {
          json_builder_set_member_name (builder, "resource");
          json_builder_add_string_value (builder, posture_diff_entry_get_resource_id (entry));
          json_builder_set_member_name (builder, "resource_name");
          json_builder_add_string_value (builder, posture_diff_entry_get_resource_name (entry));
        }
      if (posture_diff_entry_get_resource_id (entry) == NULL &&
          posture_diff_entry_get_control_id (entry) != NULL)
        {
          json_builder_set_member_name (builder, "from");
          if (posture_diff_entry_get_from_status (entry))
            json_builder_add_string_value (builder, posture_diff_entry_get_from_status (entry));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "to");
          if (posture_diff_entry_get_to_status (entry))
            json_builder_add_string_value (builder, posture_diff_entry_get_to_status (entry));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "from_points");
          json_builder_add_int_value (builder, fe);
          json_builder_set_member_name (builder, "to_points");
          json_builder_add_int_value (builder, te);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
