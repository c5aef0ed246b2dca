/* posture-control.c: one control of the catalog (metadata only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-control"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-control-private.h"
#include "posture-enums.h"
#include "posture-error.h"
#include "posture-json.h"

struct _PostureControl
{
  GObject           parent_instance;

  /* Owned; immutable after construction */
  char             *id;
  char             *title;
  char             *description;
  char             *rationale;
  GStrv             remediation;
  char             *scuba_id;
  char             *scuba_requirement;
  char             *ppac_name;
  char             *waf_code;
  GStrv             training;
  GArray           *settings;       /* of Setting */

  PostureScope      scope;
  PostureSeverity   severity;
  PostureCategory   category;
  PosturePrinciple  principle;
  gboolean          manual;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_RATIONALE,
  PROP_REMEDIATION,
  PROP_SCOPE,
  PROP_SEVERITY,
  PROP_CATEGORY,
  PROP_PRINCIPLE,
  PROP_SCUBA_ID,
  PROP_SCUBA_REQUIREMENT,
  PROP_PPAC_NAME,
  PROP_WAF_CODE,
  PROP_TRAINING,
  PROP_MANUAL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  const char *key;     /* interned */
  const char *title;   /* interned, translated */
} Setting;

G_DEFINE_FINAL_TYPE (PostureControl, posture_control, G_TYPE_OBJECT)

static void
posture_control_finalize (GObject *object)
{
  PostureControl *self = (PostureControl *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->rationale, g_free);
  g_clear_pointer (&self->remediation, g_strfreev);
  g_clear_pointer (&self->scuba_id, g_free);
  g_clear_pointer (&self->scuba_requirement, g_free);
  g_clear_pointer (&self->ppac_name, g_free);
  g_clear_pointer (&self->waf_code, g_free);
  g_clear_pointer (&self->training, g_strfreev);
  g_clear_pointer (&self->settings, g_array_unref);

  G_OBJECT_CLASS (posture_control_parent_class)->finalize (object);
}

static void
posture_control_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PostureControl *self = POSTURE_CONTROL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_RATIONALE:
      g_value_set_string (value, self->rationale);
      break;
    case PROP_REMEDIATION:
      g_value_set_boxed (value, self->remediation);
      break;
    case PROP_SCOPE:
      g_value_set_enum (value, self->scope);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_CATEGORY:
      g_value_set_enum (value, self->category);
      break;
    case PROP_PRINCIPLE:
      g_value_set_enum (value, self->principle);
      break;
    case PROP_SCUBA_ID:
      g_value_set_string (value, self->scuba_id);
      break;
    case PROP_SCUBA_REQUIREMENT:
      g_value_set_string (value, self->scuba_requirement);
      break;
    case PROP_PPAC_NAME:
      g_value_set_string (value, self->ppac_name);
      break;
    case PROP_WAF_CODE:
      g_value_set_string (value, self->waf_code);
      break;
    case PROP_TRAINING:
      g_value_set_boxed (value, self->training);
      break;
    case PROP_MANUAL:
      g_value_set_boolean (value, self->manual);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_control_class_init (PostureControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_control_finalize;
  object_class->get_property = posture_control_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties [PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties [PROP_RATIONALE] = g_param_spec_string ("rationale", NULL, NULL, NULL, flags);
  properties [PROP_REMEDIATION] = g_param_spec_boxed ("remediation", NULL, NULL, G_TYPE_STRV,
                                                      flags);
  properties [PROP_SCOPE] = g_param_spec_enum ("scope", NULL, NULL, POSTURE_TYPE_SCOPE,
                                               POSTURE_SCOPE_TENANT, flags);
  properties [PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, POSTURE_TYPE_SEVERITY,
                                                  POSTURE_SEVERITY_LOW, flags);
  properties [PROP_CATEGORY] = g_param_spec_enum ("category", NULL, NULL, POSTURE_TYPE_CATEGORY,
                                                  POSTURE_CATEGORY_DATA_PROTECTION, flags);
  properties [PROP_PRINCIPLE] = g_param_spec_enum ("principle", NULL, NULL, POSTURE_TYPE_PRINCIPLE,
                                                   POSTURE_PRINCIPLE_VERIFY_EXPLICITLY, flags);
  properties [PROP_SCUBA_ID] = g_param_spec_string ("scuba-id", NULL, NULL, NULL, flags);
  properties [PROP_SCUBA_REQUIREMENT] = g_param_spec_string ("scuba-requirement", NULL, NULL,
                                                             NULL, flags);
  properties [PROP_PPAC_NAME] = g_param_spec_string ("ppac-name", NULL, NULL, NULL, flags);
  properties [PROP_WAF_CODE] = g_param_spec_string ("waf-code", NULL, NULL, NULL, flags);
  properties [PROP_TRAINING] = g_param_spec_boxed ("training", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_MANUAL] = g_param_spec_boolean ("manual", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_control_init (PostureControl *self)
{
  self->settings = g_array_new (FALSE, FALSE, sizeof (Setting));
}

static gboolean
read_text (JsonObject  *object,
           const char  *member,
           gboolean     required,
           gboolean     translate,
           const char  *path,
           char       **out,
           GError     **error)
{
  JsonNode *node = NULL;
  const char *text = NULL;

  switch (posture_json_member_string (object, member, &text, &node))
    {
    case POSTURE_JSON_MEMBER_ABSENT:
      if (required)
        {
          g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                       "%s.%s: missing", path, member);
          return FALSE;
        }
      *out = NULL;
      return TRUE;

    case POSTURE_JSON_MEMBER_OK:
      if (text[0] != '\0')
        break;
      G_GNUC_FALLTHROUGH;

    case POSTURE_JSON_MEMBER_WRONG:
    default:
      g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                   "%s.%s: expected a non-empty string, found %s",
                   path, member, posture_json_node_type_name (node));
      return FALSE;
    }

  *out = g_strdup (translate ? g_dgettext (GETTEXT_PACKAGE, text) : text);
  return TRUE;
}

static gboolean
read_strv (JsonObject  *object,
           const char  *member,
           gboolean     translate,
           const char  *path,
           GStrv       *out,
           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = posture_json_get_array (object, member);
  guint n;

  if (array == NULL || (n = json_array_get_length (array)) == 0)
    {
      g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                   "%s.%s: expected a non-empty array of strings", path, member);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          (text = json_node_get_string (node))[0] == '\0')
        {
          g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                       "%s.%s[%u]: expected a non-empty string", path, member, i);
          return FALSE;
        }
      g_strv_builder_add (builder, translate ? g_dgettext (GETTEXT_PACKAGE, text) : text);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* "settings": [ { "key": "…", "title": "…" } ], optional. */
static gboolean
read_settings (PostureControl  *self,
               JsonObject      *object,
               const char      *path,
               GError         **error)
{
  JsonNode *node = json_object_get_member (object, "settings");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                   "%s.settings: expected an array of objects", path);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s.settings[%u]", path, i);
      g_autofree char *key = NULL;
      g_autofree char *title = NULL;
      Setting setting;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                       "%s: expected an object", item_path);
          return FALSE;
        }

      if (!read_text (json_node_get_object (item), "key", TRUE, FALSE, item_path, &key, error) ||
          !read_text (json_node_get_object (item), "title", TRUE, TRUE, item_path, &title,
                      error))
        return FALSE;

      setting.key = g_intern_string (key);
      setting.title = g_intern_string (title);
      g_array_append_val (self->settings, setting);
    }

  return TRUE;
}

#define READ_ENUM(member, Type, from_string, field)                               \
  G_STMT_START {                                                                  \
    const char *s_ = posture_json_get_string (object, member);                    \
    Type v_;                                                                      \
    if (s_ == NULL || !from_string (s_, &v_))                                     \
      {                                                                           \
        g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,   \
                     "%s.%s: missing or not one of the known values", path, member); \
        return NULL;                                                              \
      }                                                                           \
    self->field = v_;                                                             \
  } G_STMT_END

PostureControl *
_posture_control_new_from_json (JsonObject  *object,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(PostureControl) self = NULL;
  JsonObject *scuba;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (POSTURE_TYPE_CONTROL, NULL);

  if (!read_text (object, "id", TRUE, FALSE, path, &self->id, error) ||
      !read_text (object, "title", TRUE, TRUE, path, &self->title, error) ||
      !read_text (object, "description", TRUE, TRUE, path, &self->description, error) ||
      !read_text (object, "rationale", TRUE, TRUE, path, &self->rationale, error) ||
      !read_strv (object, "remediation", TRUE, path, &self->remediation, error) ||
      !read_strv (object, "training", FALSE, path, &self->training, error) ||
      !read_text (object, "ppac", FALSE, FALSE, path, &self->ppac_name, error) ||
      !read_text (object, "waf", FALSE, FALSE, path, &self->waf_code, error) ||
      !read_settings (self, object, path, error))
    return NULL;

  READ_ENUM ("scope", PostureScope, posture_scope_from_string, scope);
  READ_ENUM ("severity", PostureSeverity, posture_severity_from_string, severity);
  READ_ENUM ("category", PostureCategory, posture_category_from_string, category);
  READ_ENUM ("principle", PosturePrinciple, posture_principle_from_string, principle);

  if ((scuba = posture_json_get_object (object, "scuba")) != NULL)
    {
      g_autofree char *scuba_path = g_strdup_printf ("%s.scuba", path);

      if (!read_text (scuba, "id", TRUE, FALSE, scuba_path, &self->scuba_id, error) ||
          !read_text (scuba, "requirement", TRUE, FALSE, scuba_path,
                      &self->scuba_requirement, error))
        return NULL;

      if (!g_str_equal (self->scuba_requirement, "SHALL") &&
          !g_str_equal (self->scuba_requirement, "SHOULD"))
        {
          g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                       "%s.requirement: expected SHALL or SHOULD", scuba_path);
          return NULL;
        }
    }

  if (!posture_json_get_boolean (object, "manual", &self->manual))
    self->manual = FALSE;

  return g_steal_pointer (&self);
}

#undef READ_ENUM

const char *
posture_control_get_id (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return self->id;
}

const char *
posture_control_get_title (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return self->title;
}

const char *
posture_control_get_description (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return self->description;
}

const char *
posture_control_get_rationale (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return self->rationale;
}

const char * const *
posture_control_get_remediation (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return (const char * const *) self->remediation;
}

PostureScope
posture_control_get_scope (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), POSTURE_SCOPE_TENANT);
  return self->scope;
}

PostureSeverity
posture_control_get_severity (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), POSTURE_SEVERITY_LOW);
  return self->severity;
}

PostureCategory
posture_control_get_category (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), POSTURE_CATEGORY_DATA_PROTECTION);
  return self->category;
}

PosturePrinciple
posture_control_get_principle (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), POSTURE_PRINCIPLE_VERIFY_EXPLICITLY);
  return self->principle;
}

const char *
posture_control_get_scuba_id (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return self->scuba_id;
}

const char *
posture_control_get_scuba_requirement (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return self->scuba_requirement;
}

const char *
posture_control_get_ppac_name (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return self->ppac_name;
}

const char *
posture_control_get_waf_code (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return self->waf_code;
}

const char * const *
posture_control_get_training (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  return (const char * const *) self->training;
}

gboolean
posture_control_get_manual (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), FALSE);
  return self->manual;
}

/* scuba: the controls with a SCuBA policy id (the manual allow-list control has one);
 * ppac: the controls that mirror an admin-center recommendation (those with a name). */
gboolean
posture_control_in_profile (PostureControl *self,
                            PostureProfile  profile)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), FALSE);

  switch (profile)
    {
    case POSTURE_PROFILE_ALL:
      return TRUE;
    case POSTURE_PROFILE_SCUBA:
      return self->scuba_id != NULL;
    case POSTURE_PROFILE_PPAC:
      return self->ppac_name != NULL;
    default:
      return FALSE;
    }
}

guint
posture_control_get_n_settings (PostureControl *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), 0);
  return self->settings->len;
}

const char *
posture_control_get_setting_key (PostureControl *self,
                                 guint           position)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  g_return_val_if_fail (position < self->settings->len, NULL);
  return g_array_index (self->settings, Setting, position).key;
}

const char *
posture_control_get_setting_title (PostureControl *self,
                                   guint           position)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);
  g_return_val_if_fail (position < self->settings->len, NULL);
  return g_array_index (self->settings, Setting, position).title;
}

const char *
posture_control_lookup_setting_title (PostureControl *self,
                                      const char     *key)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL (self), NULL);

  if (key == NULL)
    return NULL;

  for (guint i = 0; i < self->settings->len; i++)
    {
      const Setting *setting = &g_array_index (self->settings, Setting, i);

      /* Interned: the rules pass the same pointers; else compare the text. */
      if (setting->key == key || g_ascii_strcasecmp (setting->key, key) == 0)
        return setting->title;
    }

  return NULL;
}
