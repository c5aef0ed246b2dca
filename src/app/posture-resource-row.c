/* posture-resource-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-resource-row"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-labels.h"
#include "posture-resource-row.h"

struct _PostureResourceRow
{
  AdwActionRow           parent_instance;

  /* Owned */
  PostureResourceResult *resource;
};

enum {
  PROP_0,
  PROP_RESOURCE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureResourceRow, posture_resource_row, ADW_TYPE_ACTION_ROW)

static char *
resource_title (PostureResourceResult *resource)
{
  const char *name;

  name = posture_resource_result_get_name (resource);
  return g_strdup (name != NULL && name [0] != '\0' ? name :
                                                      posture_resource_result_get_id (resource));
}

/* "Fail · Production · Auditing is off": the result first, in words. */
static char *
resource_subtitle (PostureResourceResult *resource)
{
  const char *type;
  const char *reason;
  GString *text;

  type = posture_resource_result_get_environment_type (resource);
  reason = posture_resource_result_get_reason (resource);
  text = g_string_new (posture_result_label (posture_resource_result_get_status (resource)));
  if (type != NULL && type[0] != '\0')
    g_string_append_printf (text, " · %s", type);
  if (reason != NULL && reason[0] != '\0')
    g_string_append_printf (text, " · %s", reason);

  return g_string_free (text, FALSE);
}

static const char *
result_icon (PostureResult result)
{
  switch (result)
    {
    case POSTURE_RESULT_PASS:
      return "object-select-symbolic";
    case POSTURE_RESULT_FAIL:
      return "dialog-warning-symbolic";
    case POSTURE_RESULT_UNKNOWN:
    default:
      return "dialog-question-symbolic";
    }
}

static const char *
result_css_class (PostureResult result)
{
  switch (result)
    {
    case POSTURE_RESULT_PASS:
      return "result-pass";
    case POSTURE_RESULT_FAIL:
      return "result-fail";
    case POSTURE_RESULT_UNKNOWN:
    default:
      return "result-unknown";
    }
}

static void
posture_resource_row_constructed (GObject *object)
{
  PostureResourceRow *self = (PostureResourceRow *) object;
  PostureResult result = posture_resource_result_get_status (self->resource);
  g_autofree char *title = resource_title (self->resource);
  g_autofree char *subtitle = resource_subtitle (self->resource);
  GtkWidget *icon;

  G_OBJECT_CLASS (posture_resource_row_parent_class)->constructed (object);

  /* A result never changes: the row is filled once. Names come from the tenant and
   * may hold anything: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  /* Colour and shape repeat the word in the subtitle: hidden from screen readers. */
  icon = gtk_image_new_from_icon_name (result_icon (result));
  gtk_widget_add_css_class (icon, result_css_class (result));
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), icon);
}

static void
posture_resource_row_dispose (GObject *object)
{
  PostureResourceRow *self = (PostureResourceRow *) object;

  g_clear_object (&self->resource);

  G_OBJECT_CLASS (posture_resource_row_parent_class)->dispose (object);
}

static void
posture_resource_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PostureResourceRow *self = POSTURE_RESOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_RESOURCE:
      g_value_set_object (value, self->resource);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_resource_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PostureResourceRow *self = POSTURE_RESOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_RESOURCE:
      self->resource = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_resource_row_class_init (PostureResourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = posture_resource_row_constructed;
  object_class->dispose = posture_resource_row_dispose;
  object_class->get_property = posture_resource_row_get_property;
  object_class->set_property = posture_resource_row_set_property;

  properties [PROP_RESOURCE] =
    g_param_spec_object ("resource", NULL, NULL, POSTURE_TYPE_RESOURCE_RESULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_resource_row_init (PostureResourceRow *self)
{
}

GtkWidget *
posture_resource_row_new (PostureResourceResult *resource)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (resource), NULL);

  return g_object_new (POSTURE_TYPE_RESOURCE_ROW, "resource", resource, NULL);
}
