/* posture-list-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-list-row"

#include "config.h"

#include "posture-list-row.h"

struct _PostureListRow
{
  GtkWidget  parent_instance;

  /* Owned */
  char      *title;
  char      *subtitle;
  char      *status;
  gboolean   shorten;

  /* Borrowed: the list row this one names, while rooted */
  GtkWidget *named;

  /* Template children */
  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkLabel  *status_label;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_STATUS,
  PROP_SHORTEN,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PostureListRow, posture_list_row, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

static gboolean
has_text (gpointer    unused,
          const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
posture_list_row_unname (PostureListRow *self)
{
  if (self->named == NULL)
    return;

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->named), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->named),
                                 GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  g_clear_weak_pointer (&self->named);
}

static void
posture_list_row_root (GtkWidget *widget)
{
  PostureListRow *self = POSTURE_LIST_ROW (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (posture_list_row_parent_class)->root (widget);

  posture_list_row_unname (self);
  if (parent == NULL)
    return;

  /* The relations are read when an assistive technology asks, so the name follows
   * the title as the row is recycled for other items. */
  g_set_weak_pointer (&self->named, parent);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (parent),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->subtitle_label, self->status_label, NULL,
                                  -1);
}

static void
posture_list_row_unroot (GtkWidget *widget)
{
  posture_list_row_unname (POSTURE_LIST_ROW (widget));

  GTK_WIDGET_CLASS (posture_list_row_parent_class)->unroot (widget);
}

static void
posture_list_row_dispose (GObject *object)
{
  PostureListRow *self = (PostureListRow *) object;
  GtkWidget *child;

  posture_list_row_unname (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_LIST_ROW);
  /* The template's children without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (posture_list_row_parent_class)->dispose (object);
}

static void
posture_list_row_finalize (GObject *object)
{
  PostureListRow *self = (PostureListRow *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (posture_list_row_parent_class)->finalize (object);
}

static void
posture_list_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PostureListRow *self = POSTURE_LIST_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_SHORTEN:
      g_value_set_boolean (value, self->shorten);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_list_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PostureListRow *self = POSTURE_LIST_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      posture_list_row_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      posture_list_row_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      posture_list_row_set_status (self, g_value_get_string (value));
      break;

    case PROP_SHORTEN:
      if (self->shorten != g_value_get_boolean (value))
        {
          self->shorten = g_value_get_boolean (value);
          /* Two lines, then an ellipsis; or the title whole, on one line (a short value
           * such as a combo row's, which must not be squeezed to a letter). */
          gtk_label_set_wrap (self->title_label, self->shorten);
          gtk_label_set_ellipsize (self->title_label,
                                   self->shorten ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_list_row_class_init (PostureListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_list_row_dispose;
  object_class->finalize = posture_list_row_finalize;
  object_class->get_property = posture_list_row_get_property;
  object_class->set_property = posture_list_row_set_property;

  widget_class->root = posture_list_row_root;
  widget_class->unroot = posture_list_row_unroot;

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SHORTEN] =
    g_param_spec_boolean ("shorten", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/posture/Posture/ui/posture-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureListRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PostureListRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PostureListRow, status_label);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
}

static void
posture_list_row_init (PostureListRow *self)
{
  self->shorten = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
posture_list_row_new (void)
{
  return g_object_new (POSTURE_TYPE_LIST_ROW, NULL);
}

const char *
posture_list_row_get_title (PostureListRow *self)
{
  g_return_val_if_fail (POSTURE_IS_LIST_ROW (self), NULL);

  return self->title;
}

void
posture_list_row_set_title (PostureListRow *self,
                            const char     *title)
{
  g_return_if_fail (POSTURE_IS_LIST_ROW (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const char *
posture_list_row_get_subtitle (PostureListRow *self)
{
  g_return_val_if_fail (POSTURE_IS_LIST_ROW (self), NULL);

  return self->subtitle;
}

void
posture_list_row_set_subtitle (PostureListRow *self,
                               const char     *subtitle)
{
  g_return_if_fail (POSTURE_IS_LIST_ROW (self));

  if (g_strcmp0 (self->subtitle, subtitle) == 0)
    return;

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUBTITLE]);
}

const char *
posture_list_row_get_status (PostureListRow *self)
{
  g_return_val_if_fail (POSTURE_IS_LIST_ROW (self), NULL);

  return self->status;
}

void
posture_list_row_set_status (PostureListRow *self,
                             const char     *status)
{
  g_return_if_fail (POSTURE_IS_LIST_ROW (self));

  if (g_strcmp0 (self->status, status) == 0)
    return;

  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}
