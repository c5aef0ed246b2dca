/* posture-tenant-switcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant-switcher"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-demo-server.h"
#include "posture-sign-in-dialog.h"
#include "posture-tenant-switcher.h"

struct _PostureTenantSwitcher
{
  GtkWidget           parent_instance;

  /* Owned */
  GSettings          *settings;
  PostureTokenStore  *store;
  GCancellable       *cancellable;     /* cancelled in dispose */
  GHashTable         *titles;          /* tenant (folded) → display title */
  char               *active_tenant;
  guint               resize_source;   /* re-measures once the window has its new size */
  gboolean            measured_room;   /* whether the last measure kept the whole name */

  /* Template children */
  GtkMenuButton      *button;
  GtkLabel           *label;
  GtkWidget          *narrow_icon;
  GtkPopover         *popover;
  GtkListBox         *list;
};

enum {
  PROP_0,
  PROP_ACTIVE_TENANT,
  PROP_LABEL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PostureTenantSwitcher, posture_tenant_switcher, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

/* Windows at least this wide keep the tenant's whole name (up to NAME_MAX_WIDTH). It
 * must stay above the window's minimum width with the whole name (505 px with the demo
 * tenant's), or a window could not be made narrower than that. */
#define ROOM_WIDTH     580
#define NAME_MAX_WIDTH 280

static char *
fold_tenant (const char *tenant)
{
  return g_ascii_strdown (tenant, -1);
}

static const char *
posture_tenant_switcher_title_for (PostureTenantSwitcher *self,
                                   const char            *tenant)
{
  g_autofree char *key = NULL;
  const char *title;

  if (tenant == NULL || tenant[0] == '\0')
    return POSTURE_DEMO_TENANT_NAME;

  key = fold_tenant (tenant);
  title = g_hash_table_lookup (self->titles, key);

  return title != NULL ? title : tenant;
}

static GtkWidget *
posture_tenant_switcher_create_row (PostureTenantSwitcher *self,
                                    const char            *tenant)
{
  const char *title = posture_tenant_switcher_title_for (self, tenant);
  gboolean active = g_ascii_strcasecmp (tenant, self->active_tenant) == 0;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *labels;
  GtkWidget *label;
  GtkWidget *check;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), "tenant", g_strdup (tenant), g_free);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);

  /* Titles come from tenants and the user: plain text, never markup. */
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_box_append (GTK_BOX (labels), label);

  if (tenant[0] == '\0' || g_strcmp0 (title, tenant) != 0)
    {
      GtkWidget *subtitle;

      subtitle = gtk_label_new (tenant[0] == '\0' ? _("Sample data, no sign-in") : tenant);
      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 32);
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_box_append (GTK_BOX (labels), subtitle);
    }

  gtk_box_append (GTK_BOX (box), labels);

  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_opacity (check, active ? 1.0 : 0.0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), check);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_SELECTED, active,
                               -1);

  return row;
}

static void
posture_tenant_switcher_rebuild (PostureTenantSwitcher *self)
{
  g_auto(GStrv) tenants = NULL;
  GtkWidget *child;
  const char *title;

  g_assert (POSTURE_IS_TENANT_SWITCHER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  gtk_list_box_append (self->list, posture_tenant_switcher_create_row (self, ""));

  tenants = g_settings_get_strv (self->settings, "tenants");
  for (guint i = 0; tenants[i] != NULL; i++)
    {
      if (tenants[i][0] != '\0')
        gtk_list_box_append (self->list, posture_tenant_switcher_create_row (self, tenants[i]));
    }

  title = posture_tenant_switcher_title_for (self, self->active_tenant);
  if (g_strcmp0 (gtk_label_get_text (self->label), title) != 0)
    {
      g_autofree char *tooltip = NULL;

      gtk_label_set_text (self->label, title);
      /* Translators: %s is the tenant shown, e.g. "Contoso (demo)". */
      tooltip = g_strdup_printf (_("Tenant: %s. Switch Tenant"), title);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LABEL]);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "switcher.sign-out",
                                 self->active_tenant [0] != '\0');
}

static void
on_settings_changed_cb (PostureTenantSwitcher *self,
                        const char            *key,
                        GSettings             *settings)
{
  if (g_strcmp0 (key, "active-tenant") == 0)
    {
      g_autofree char *active = g_settings_get_string (settings, "active-tenant");

      posture_tenant_switcher_set_active_tenant (self, active);
    }
  else
    {
      posture_tenant_switcher_rebuild (self);
    }
}

static void
on_row_activated_cb (PostureTenantSwitcher *self,
                     GtkListBoxRow         *row,
                     GtkListBox            *list)
{
  const char *tenant = g_object_get_data (G_OBJECT (row), "tenant");

  gtk_popover_popdown (self->popover);

  if (tenant != NULL)
    {
      g_autofree char *current = g_settings_get_string (self->settings, "active-tenant");

      posture_tenant_switcher_set_active_tenant (self, tenant);
      if (g_strcmp0 (current, tenant) != 0)
        g_settings_set_string (self->settings, "active-tenant", tenant);
    }
}

static void
on_popover_button_clicked_cb (PostureTenantSwitcher *self,
                              GtkButton             *button)
{
  gtk_popover_popdown (self->popover);
}

typedef struct
{
  char      *tenant;
  GPtrArray *cloud_keys;   /* of char*, the tenant's items still to clear */
  GPtrArray *tenant_forms; /* the tenant as stored with each cloud key */
  guint      removed;
} SignOut;

static void
sign_out_free (SignOut *state)
{
  g_clear_pointer (&state->tenant, g_free);
  g_clear_pointer (&state->cloud_keys, g_ptr_array_unref);
  g_clear_pointer (&state->tenant_forms, g_ptr_array_unref);
  g_free (state);
}

static void sign_out_next (GTask *task);

static void
sign_out_clear_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SignOut *state = g_task_get_task_data (task);
  guint n;

  n = posture_token_store_clear_finish (POSTURE_TOKEN_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  state->removed += n;
  sign_out_next (g_steal_pointer (&task));
}

static void
sign_out_next (GTask *task)
{
  PostureTenantSwitcher *self = g_task_get_source_object (task);
  SignOut *state = g_task_get_task_data (task);

  if (state->cloud_keys->len > 0)
    {
      g_autofree char *cloud_key = g_ptr_array_steal_index (state->cloud_keys, 0);
      g_autofree char *tenant = g_ptr_array_steal_index (state->tenant_forms, 0);

      posture_token_store_clear_async (self->store, tenant, NULL, cloud_key,
                                       g_task_get_cancellable (task),
                                       sign_out_clear_cb, task);
      return;
    }

  /* Every item is gone: forget the tenant's id too. */
  {
    g_auto(GStrv) tenants = g_settings_get_strv (self->settings, "tenants");
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) updated = NULL;
    g_autofree char *active = g_settings_get_string (self->settings, "active-tenant");

    for (guint i = 0; tenants[i] != NULL; i++)
      {
        if (g_ascii_strcasecmp (tenants[i], state->tenant) != 0)
          g_strv_builder_add (builder, tenants[i]);
      }
    updated = g_strv_builder_end (builder);
    g_settings_set_strv (self->settings, "tenants", (const char * const *) updated);

    if (g_ascii_strcasecmp (active, state->tenant) == 0)
      g_settings_set_string (self->settings, "active-tenant", "");
  }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
sign_out_list_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  SignOut *state = g_task_get_task_data (task);

  infos = posture_token_store_list_finish (POSTURE_TOKEN_STORE (object), result, &error);
  if (infos == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < infos->len; i++)
    {
      const PostureCredentialInfo *info = g_ptr_array_index (infos, i);
      gboolean seen = FALSE;

      if (info->tenant == NULL || g_ascii_strcasecmp (info->tenant, state->tenant) != 0)
        continue;

      for (guint j = 0; j < state->cloud_keys->len; j++)
        {
          if (g_strcmp0 (g_ptr_array_index (state->cloud_keys, j), info->cloud_key) == 0 &&
              g_strcmp0 (g_ptr_array_index (state->tenant_forms, j), info->tenant) == 0)
            seen = TRUE;
        }

      if (!seen)
        {
          g_ptr_array_add (state->cloud_keys, g_strdup (info->cloud_key));
          g_ptr_array_add (state->tenant_forms, g_strdup (info->tenant));
        }
    }

  sign_out_next (g_steal_pointer (&task));
}

void
posture_tenant_switcher_sign_out_async (PostureTenantSwitcher *self,
                                        const char            *tenant,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  SignOut *state;

  g_return_if_fail (POSTURE_IS_TENANT_SWITCHER (self));
  g_return_if_fail (tenant != NULL && tenant[0] != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_tenant_switcher_sign_out_async);

  state = g_new0 (SignOut, 1);
  state->tenant = g_strdup (tenant);
  state->cloud_keys = g_ptr_array_new_with_free_func (g_free);
  state->tenant_forms = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, state, (GDestroyNotify) sign_out_free);

  posture_token_store_list_async (self->store, cancellable, sign_out_list_cb,
                                  g_steal_pointer (&task));
}

gboolean
posture_tenant_switcher_sign_out_finish (PostureTenantSwitcher  *self,
                                         GAsyncResult           *result,
                                         guint                  *out_removed,
                                         GError                **error)
{
  SignOut *state;

  g_return_val_if_fail (POSTURE_IS_TENANT_SWITCHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            posture_tenant_switcher_sign_out_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  state = g_task_get_task_data (G_TASK (result));
  if (out_removed != NULL)
    *out_removed = state->removed;

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sign_out_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PostureTenantSwitcher) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!posture_tenant_switcher_sign_out_finish (self, result, NULL, &error))
    {
      g_autofree char *text = NULL;
      GtkRoot *root;
      AdwMessageDialog *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Sign-out failed: %s", error->message);

      text = posture_error_to_text (error);
      root = gtk_widget_get_root (GTK_WIDGET (self));
      dialog = ADW_MESSAGE_DIALOG (
          adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  _("Could Not Sign Out"), text));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_sign_out_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  g_autoptr(PostureTenantSwitcher) self = user_data;
  const char *tenant = g_object_get_data (G_OBJECT (dialog), "tenant");

  if (g_strcmp0 (response, "sign-out") != 0 || tenant == NULL || self->cancellable == NULL)
    return;

  posture_tenant_switcher_sign_out_async (self, tenant, self->cancellable,
                                          sign_out_done_cb, g_object_ref (self));
}

static void
posture_tenant_switcher_sign_out_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  PostureTenantSwitcher *self = POSTURE_TENANT_SWITCHER (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkRoot *root;

  if (self->active_tenant[0] == '\0')
    return;

  gtk_popover_popdown (self->popover);

  root = gtk_widget_get_root (widget);
  /* Translators: %s is the tenant's name or domain. */
  heading = g_strdup_printf (_("Sign Out of %s?"),
                             posture_tenant_switcher_title_for (self, self->active_tenant));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
      _("Posture removes this tenant's credentials from your keyring and shows the demo tenant. "
         "To see the tenant again, sign in again.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tenant", g_strdup (self->active_tenant), g_free);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_sign_out_response_cb),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Whether the window is wide enough to show the tenant's whole name. The header bar
 * gives its title (the view switcher) its natural width before the sides get more than
 * their minimum, so the name is kept only by asking for it as a minimum; and only in a
 * wide window, so that the header still fits 360 px. */
static gboolean
posture_tenant_switcher_has_room (PostureTenantSwitcher *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height;
  int width;

  if (!GTK_IS_WINDOW (root))
    return FALSE;

  width = gtk_widget_get_width (GTK_WIDGET (root));
  if (width <= 0)
    /* Both out arguments: GTK 4.8 writes the height unchecked. */
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);

  return width >= ROOM_WIDTH;
}

static void
posture_tenant_switcher_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  PostureTenantSwitcher *self = POSTURE_TENANT_SWITCHER (widget);

  gtk_widget_measure (GTK_WIDGET (self->button), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  if (orientation != GTK_ORIENTATION_HORIZONTAL)
    return;

  self->measured_room = posture_tenant_switcher_has_room (self);
  if (self->measured_room)
    *minimum = MAX (*minimum, MIN (*natural, NAME_MAX_WIDTH));
}

/* The whole name where there is room (ellipsized past NAME_MAX_WIDTH, the tooltip
 * holding it all); in a narrow window an icon, never a name cut down to "…". */
static void
posture_tenant_switcher_update_room (PostureTenantSwitcher *self)
{
  gboolean room = posture_tenant_switcher_has_room (self);

  gtk_widget_set_visible (GTK_WIDGET (self->label), room);
  gtk_widget_set_visible (self->narrow_icon, !room);
}

static void
measure_again_cb (gpointer user_data)
{
  PostureTenantSwitcher *self = user_data;

  self->resize_source = 0;
  posture_tenant_switcher_update_room (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
posture_tenant_switcher_measure_again (PostureTenantSwitcher *self)
{
  if (self->resize_source == 0)
    self->resize_source = g_idle_add_once (measure_again_cb, self);
}

static void
posture_tenant_switcher_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  PostureTenantSwitcher *self = POSTURE_TENANT_SWITCHER (widget);

  gtk_widget_allocate (GTK_WIDGET (self->button), width, height, baseline, NULL);

  /* The window's width is known only now: measure again if it crossed ROOM_WIDTH. */
  if (posture_tenant_switcher_has_room (self) != self->measured_room)
    posture_tenant_switcher_measure_again (self);
}

/* The new size is known before the window is laid out at it: measure again after. */
static void
on_window_size_changed_cb (PostureTenantSwitcher *self)
{
  posture_tenant_switcher_measure_again (self);
}

static void
posture_tenant_switcher_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (posture_tenant_switcher_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;

  /* The default size follows the user's resizing; maximizing leaves it alone. */
  g_signal_connect_object (root, "notify::default-width", G_CALLBACK (on_window_size_changed_cb),
                           widget, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "notify::maximized", G_CALLBACK (on_window_size_changed_cb),
                           widget, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "notify::fullscreened", G_CALLBACK (on_window_size_changed_cb),
                           widget, G_CONNECT_SWAPPED);
  posture_tenant_switcher_update_room (POSTURE_TENANT_SWITCHER (widget));
}

static void
posture_tenant_switcher_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, on_window_size_changed_cb, widget);
  g_clear_handle_id (&POSTURE_TENANT_SWITCHER (widget)->resize_source, g_source_remove);

  GTK_WIDGET_CLASS (posture_tenant_switcher_parent_class)->unroot (widget);
}

static void
posture_tenant_switcher_dispose (GObject *object)
{
  PostureTenantSwitcher *self = (PostureTenantSwitcher *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->resize_source, g_source_remove);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_TENANT_SWITCHER);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (posture_tenant_switcher_parent_class)->dispose (object);
}

static void
posture_tenant_switcher_finalize (GObject *object)
{
  PostureTenantSwitcher *self = (PostureTenantSwitcher *) object;

  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->active_tenant, g_free);

  G_OBJECT_CLASS (posture_tenant_switcher_parent_class)->finalize (object);
}

static void
posture_tenant_switcher_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PostureTenantSwitcher *self = POSTURE_TENANT_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_ACTIVE_TENANT:
      g_value_set_string (value, self->active_tenant);
      break;

    case PROP_LABEL:
      g_value_set_string (value, posture_tenant_switcher_get_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_tenant_switcher_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PostureTenantSwitcher *self = POSTURE_TENANT_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_ACTIVE_TENANT:
      posture_tenant_switcher_set_active_tenant (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_tenant_switcher_class_init (PostureTenantSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_tenant_switcher_dispose;
  object_class->finalize = posture_tenant_switcher_finalize;
  object_class->get_property = posture_tenant_switcher_get_property;
  object_class->set_property = posture_tenant_switcher_set_property;

  properties [PROP_ACTIVE_TENANT] =
    g_param_spec_string ("active-tenant", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = posture_tenant_switcher_measure;
  widget_class->size_allocate = posture_tenant_switcher_size_allocate;
  widget_class->root = posture_tenant_switcher_root;
  widget_class->unroot = posture_tenant_switcher_unroot;
  gtk_widget_class_set_css_name (widget_class, "tenantswitcher");

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-tenant-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureTenantSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, PostureTenantSwitcher, label);
  gtk_widget_class_bind_template_child (widget_class, PostureTenantSwitcher, narrow_icon);
  gtk_widget_class_bind_template_child (widget_class, PostureTenantSwitcher, popover);
  gtk_widget_class_bind_template_child (widget_class, PostureTenantSwitcher, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "switcher.sign-out", NULL,
                                   posture_tenant_switcher_sign_out_action);
}

static void
posture_tenant_switcher_init (PostureTenantSwitcher *self)
{
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->active_tenant = g_strdup ("");
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * posture_tenant_switcher_new:
 * @settings: the application's settings (tenants, active-tenant)
 * @store: (nullable): where credentials are kept; NULL: the Secret Service
 *
 * Returns: (transfer floating): a new switcher
 */
PostureTenantSwitcher *
posture_tenant_switcher_new (GSettings         *settings,
                             PostureTokenStore *store)
{
  PostureTenantSwitcher *self;
  g_autofree char *active = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!store || POSTURE_IS_TOKEN_STORE (store), NULL);

  self = g_object_new (POSTURE_TYPE_TENANT_SWITCHER, NULL);
  self->settings = g_object_ref (settings);
  self->store = store ? g_object_ref (store) : posture_secret_token_store_new ();

  g_signal_connect_object (settings, "changed::tenants",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::active-tenant",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);

  active = g_settings_get_string (settings, "active-tenant");
  g_free (self->active_tenant);
  self->active_tenant = g_steal_pointer (&active);
  posture_tenant_switcher_rebuild (self);

  return self;
}

const char *
posture_tenant_switcher_get_active_tenant (PostureTenantSwitcher *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_SWITCHER (self), NULL);

  return self->active_tenant;
}

void
posture_tenant_switcher_set_active_tenant (PostureTenantSwitcher *self,
                                           const char            *tenant)
{
  g_return_if_fail (POSTURE_IS_TENANT_SWITCHER (self));

  if (tenant == NULL)
    tenant = "";

  if (g_strcmp0 (self->active_tenant, tenant) == 0)
    return;

  g_free (self->active_tenant);
  self->active_tenant = g_strdup (tenant);

  if (self->settings != NULL)
    posture_tenant_switcher_rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTIVE_TENANT]);
}

void
posture_tenant_switcher_set_tenant_title (PostureTenantSwitcher *self,
                                          const char            *tenant,
                                          const char            *title)
{
  g_return_if_fail (POSTURE_IS_TENANT_SWITCHER (self));
  g_return_if_fail (tenant != NULL);

  if (tenant[0] == '\0')
    return;

  if (title != NULL && title[0] != '\0')
    g_hash_table_insert (self->titles, fold_tenant (tenant), g_strdup (title));
  else
    {
      g_autofree char *key = fold_tenant (tenant);

      g_hash_table_remove (self->titles, key);
    }

  if (self->settings != NULL)
    posture_tenant_switcher_rebuild (self);
}

const char *
posture_tenant_switcher_get_label (PostureTenantSwitcher *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_SWITCHER (self), NULL);

  return gtk_label_get_text (self->label);
}
