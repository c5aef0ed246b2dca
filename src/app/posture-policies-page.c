/* posture-policies-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-policies-page"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-labels.h"
#include "posture-policies-page.h"
#include "posture-remediation.h"
#include "posture-search.h"

/* Resources listed under one control at most; the rest are counted. */
#define MAX_LISTED 50

/* The Identity section: who signs in with what, and who administers. */
static const char * const identity_controls[] = {
  "conditional-access-mfa", "global-admin-count", "admin-privileges", NULL
};

struct _PosturePoliciesPage
{
  AdwBin              parent_instance;

  /* Owned */
  PostureSession     *session;
  PostureAssessment  *assessment;      /* the session's, followed through the binding group */
  GBindingGroup      *session_bindings;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkListBox         *identity_list;
  GtkListBox         *data_protection_list;
  GtkListBox         *identity_access_list;
  GtkListBox         *network_list;
  GtkListBox         *compliance_list;
  GtkListBox         *threat_detection_list;
  GListModel         *identity_model;
  GListModel         *data_protection_model;
  GListModel         *identity_access_model;
  GListModel         *network_model;
  GListModel         *compliance_model;
  GListModel         *threat_detection_model;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ASSESSMENT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PosturePoliciesPage, posture_policies_page, ADW_TYPE_BIN)

static GParamSpec *properties [N_PROPS];

/* Closures of the template ------------------------------------------------------- */

static char *
page_name (gpointer           unused,
           PostureAssessment *assessment)
{
  return g_strdup (assessment != NULL ? "policies" : "empty");
}

/* (transfer full) (nullable) */
static GListModel *
assessment_controls (gpointer           unused,
                     PostureAssessment *assessment)
{
  return assessment != NULL ? g_object_ref (posture_assessment_get_controls (assessment)) : NULL;
}

static gboolean
is_nonzero (gpointer unused,
            guint    n)
{
  return n > 0;
}

static char *
category_title (gpointer    unused,
                const char *category)
{
  PostureCategory value;

  if (!posture_category_from_string (category, &value))
    return g_strdup (category);

  return g_strdup (posture_category_label (value));
}

/* The section a result is shown in: "identity", or its control's category. */
static char *
result_section (PostureControlResult *result)
{
  PostureControl *control = posture_control_result_get_control (result);

  if (g_strv_contains (identity_controls, posture_control_result_get_id (result)))
    return g_strdup ("identity");

  return g_strdup (posture_category_to_string (posture_control_get_category (control)));
}

/* What the search matches: the control's title, its id and the settings it reads, then
 * what it found them set to, so that an environment or a DLP policy is found by name:
 * each environment's display name, or the tenant's values (policy names among them). */
static char *
result_search_text (PostureControlResult *result)
{
  PostureControl *control = posture_control_result_get_control (result);
  g_autoptr(GString) text = g_string_new (posture_control_get_title (control));
  guint n_resources = posture_control_result_get_n_resources (result);

  g_string_append_printf (text, "\n%s", posture_control_result_get_id (result));
  for (guint i = 0; i < posture_control_get_n_settings (control); i++)
    g_string_append_printf (text, "\n%s", posture_control_get_setting_title (control, i));

  for (guint i = 0; i < n_resources; i++)
    {
      PostureResourceResult *resource = posture_control_result_get_resource (result, i);
      const char *name = posture_resource_result_get_name (resource);

      if (posture_control_get_scope (control) == POSTURE_SCOPE_ENVIRONMENT)
        {
          if (name != NULL)
            g_string_append_printf (text, "\n%s", name);
          continue;
        }

      for (guint j = 0; j < posture_resource_result_get_n_evidence (resource); j++)
        {
          const char *value = posture_resource_result_get_evidence_value (resource, j);

          if (value != NULL)
            g_string_append_printf (text, "\n%s", value);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
is_zero (gpointer unused,
         guint    a,
         guint    b,
         guint    c,
         guint    d,
         guint    e,
         guint    f)
{
  return a + b + c + d + e + f == 0;
}

/* Rows ----------------------------------------------------------------------------- */

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and values come from the tenant: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  return row;
}

/* "Partly passing · 4 of 8 environments pass · 1 unknown": the engine's status and
 * counts, nothing recounted. */
static char *
format_summary (PostureControlResult *result)
{
  PostureControl *control = posture_control_result_get_control (result);
  PostureStatus status = posture_control_result_get_status (result);
  guint n_pass = posture_control_result_get_n_pass (result);
  guint n_fail = posture_control_result_get_n_fail (result);
  guint n_unknown = posture_control_result_get_n_unknown (result);
  g_autoptr(GString) text = g_string_new (posture_status_label (status));

  if (posture_control_get_scope (control) != POSTURE_SCOPE_ENVIRONMENT ||
      n_pass + n_fail + n_unknown == 0)
    return g_string_free (g_steal_pointer (&text), FALSE);

  if (n_pass + n_fail > 0)
    /* Translators: how many of the environments the control applies to pass, "4 of 8
     * environments pass"; the plural follows the second number. */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u of %u environment passes",
                                               " · %u of %u environments pass", n_pass + n_fail),
                            n_pass, n_pass + n_fail);
  if (n_unknown > 0)
    /* Translators: environments whose settings could not be read. */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u unknown", " · %u unknown",
                                               n_unknown), n_unknown);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A tenant control's evidence: one row per value the rule read, the setting's human
 * title first and its API field as secondary text, then why. */
static void
add_tenant_rows (AdwExpanderRow        *row,
                 PostureResourceResult *resource)
{
  guint n = posture_resource_result_get_n_evidence (resource);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *child = text_row (posture_resource_result_get_evidence_title (resource, i),
                                   posture_resource_result_get_evidence_value (resource, i));

      gtk_widget_set_tooltip_text (child, posture_resource_result_get_evidence_key (resource, i));
      adw_expander_row_add_row (row, child);
    }

  adw_expander_row_add_row (row,
                            text_row (_("Why"), posture_resource_result_get_reason (resource)));
}

/* An environment control: one row per environment (display name; its result and the
 * engine's reason), the environment's name as its tooltip. */
static void
add_environment_rows (AdwExpanderRow       *row,
                      PostureControlResult *result)
{
  guint n = posture_control_result_get_n_resources (result);

  for (guint i = 0; i < n && i < MAX_LISTED; i++)
    {
      PostureResourceResult *resource = posture_control_result_get_resource (result, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *child;

      /* Translators: an environment's result and why, "Fail: auditing is off". */
      subtitle =
          g_strdup_printf (_("%s: %s"),
                           posture_result_label (posture_resource_result_get_status (resource)),
                           posture_resource_result_get_reason (resource));
      child = text_row (posture_resource_result_get_name (resource), subtitle);
      gtk_widget_set_tooltip_text (child, posture_resource_result_get_id (resource));
      adw_expander_row_add_row (row, child);
    }

  if (n > MAX_LISTED)
    {
      g_autofree char *more =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more environment",
                                        "And %u more environments", n - MAX_LISTED),
                           n - MAX_LISTED);

      adw_expander_row_add_row (row, text_row (more, _("Recommendations lists every one")));
    }
}

/* The switch shows whether the control passes; turning it on asks for the fix through
 * the window's confirmation (the same plan as the Fix dialog). Nothing changes here:
 * the new assessment brings new rows. */
static gboolean
on_switch_state_set_cb (GtkSwitch *toggle,
                        gboolean   state,
                        gpointer   user_data)
{
  const char *control_id = user_data;

  if (state)
    gtk_widget_activate_action (GTK_WIDGET (toggle), "win.confirm-fix", "s", control_id);

  return TRUE;
}

static GtkWidget *
create_control_row (gpointer item,
                    gpointer user_data)
{
  PostureControlResult *result = item;
  PostureControl *control = posture_control_result_get_control (result);
  const char *id = posture_control_result_get_id (result);
  PostureStatus status = posture_control_result_get_status (result);
  gboolean tenant = posture_control_get_scope (control) != POSTURE_SCOPE_ENVIRONMENT;
  g_autofree char *summary = format_summary (result);
  GtkWidget *row = adw_expander_row_new ();

  gtk_widget_set_name (row, id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), posture_control_get_title (control));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
  /* libadwaita 1.2 names neither the row nor its header for assistive technologies. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  posture_control_get_title (control),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);

  if (tenant && posture_control_result_get_n_resources (result) > 0)
    add_tenant_rows (ADW_EXPANDER_ROW (row), posture_control_result_get_resource (result, 0));
  else if (!tenant && posture_control_result_get_n_resources (result) > 0)
    add_environment_rows (ADW_EXPANDER_ROW (row), result);
  else
    /* A manual control (or one nothing applies to): what the engine noted, else what to check. */
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              text_row (_("What to check"),
                                        posture_control_result_get_evidence (result) != NULL
                                        ? posture_control_result_get_evidence (result)
                                        : posture_control_get_description (control)));

  if (posture_remediation_has_api_fix (id) && tenant)
    {
      GtkWidget *toggle = gtk_switch_new ();

      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), status == POSTURE_STATUS_PASS);
      gtk_switch_set_state (GTK_SWITCH (toggle), status == POSTURE_STATUS_PASS);
      /* Posture plans fixes only: turning a protection off is done in the admin center. */
      gtk_widget_set_sensitive (toggle, status == POSTURE_STATUS_FAIL);
      gtk_widget_set_tooltip_text (toggle, status == POSTURE_STATUS_PASS
                                   ? _("On. Turning it off is done in the admin center.")
                                   : _("Turn on: Posture shows the change before making it"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      posture_control_get_title (control), -1);
      g_signal_connect_data (toggle, "state-set", G_CALLBACK (on_switch_state_set_cb),
                             g_strdup (id), (GClosureNotify) g_free, 0);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), toggle);
    }
  else if (posture_remediation_has_api_fix (id) &&
           (status == POSTURE_STATUS_FAIL || status == POSTURE_STATUS_PARTIAL))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Fix…"));
      g_autofree char *label = NULL;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.confirm-fix");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      gtk_widget_set_tooltip_text (button, _("Shows the change before making it"));
      /* Translators: the Fix button's name for screen readers: "Fix: Turn on auditing". */
      label = g_strdup_printf (_("Fix: %s"), posture_control_get_title (control));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
    }

  return row;
}

static void
posture_policies_page_search_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  PosturePoliciesPage *self = POSTURE_POLICIES_PAGE (widget);

  posture_search_focus (self->search_entry);
}

/* GObject -------------------------------------------------------------------------- */

static void
posture_policies_page_dispose (GObject *object)
{
  PosturePoliciesPage *self = (PosturePoliciesPage *) object;

  /* AdwBin unparents its child in its own dispose: let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_POLICIES_PAGE);

  if (self->session_bindings != NULL)
    g_binding_group_set_source (self->session_bindings, NULL);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->session);
  g_clear_object (&self->assessment);

  G_OBJECT_CLASS (posture_policies_page_parent_class)->dispose (object);
}

static void
posture_policies_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PosturePoliciesPage *self = POSTURE_POLICIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ASSESSMENT:
      g_value_set_object (value, self->assessment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_policies_page_set_assessment (PosturePoliciesPage *self,
                                      PostureAssessment   *assessment)
{
  if (g_set_object (&self->assessment, assessment))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ASSESSMENT]);
}

static void
posture_policies_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PosturePoliciesPage *self = POSTURE_POLICIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      posture_policies_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_ASSESSMENT:
      posture_policies_page_set_assessment (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_policies_page_class_init (PosturePoliciesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_policies_page_dispose;
  object_class->get_property = posture_policies_page_get_property;
  object_class->set_property = posture_policies_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The session's assessment, or NULL without a session: a lookup through a NULL
   * session would fail and leave the last tenant's results on screen. Written only by
   * the binding group. */
  properties [PROP_ASSESSMENT] =
    g_param_spec_object ("assessment", NULL, NULL, POSTURE_TYPE_ASSESSMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POSTURE_TYPE_SESSION);
  g_type_ensure (POSTURE_TYPE_ASSESSMENT);
  g_type_ensure (POSTURE_TYPE_CONTROL_RESULT);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-policies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, identity_list);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, data_protection_list);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, identity_access_list);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, network_list);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, compliance_list);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, threat_detection_list);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, identity_model);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, data_protection_model);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, identity_access_model);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, network_model);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, compliance_model);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, threat_detection_model);
  /* Reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "stack", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "identity_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "no_match_label", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, page_name);
  gtk_widget_class_bind_template_callback (widget_class, assessment_controls);
  gtk_widget_class_bind_template_callback (widget_class, is_nonzero);
  gtk_widget_class_bind_template_callback (widget_class, category_title);
  gtk_widget_class_bind_template_callback (widget_class, result_section);
  gtk_widget_class_bind_template_callback (widget_class, result_search_text);
  gtk_widget_class_bind_template_callback (widget_class, is_zero);

  gtk_widget_class_install_action (widget_class, "policies.search", NULL,
                                   posture_policies_page_search_action);
}

static void on_first_map_cb (PosturePoliciesPage *self);

static void
posture_policies_page_init (PosturePoliciesPage *self)
{
  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "assessment", self, "assessment",
                        G_BINDING_SYNC_CREATE);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_first_map_cb), NULL);
}

/* The rows (an expander per control, up to MAX_LISTED resources each) are made when the
 * page is first shown, not for a start that only draws the Overview. */
static void
on_first_map_cb (PosturePoliciesPage *self)
{
  g_signal_handlers_disconnect_by_func (self, on_first_map_cb, NULL);

  gtk_list_box_bind_model (self->identity_list, self->identity_model, create_control_row, NULL,
                           NULL);
  gtk_list_box_bind_model (self->data_protection_list, self->data_protection_model,
                           create_control_row, NULL, NULL);
  gtk_list_box_bind_model (self->identity_access_list, self->identity_access_model,
                           create_control_row, NULL, NULL);
  gtk_list_box_bind_model (self->network_list, self->network_model, create_control_row, NULL, NULL);
  gtk_list_box_bind_model (self->compliance_list, self->compliance_model, create_control_row, NULL,
                           NULL);
  gtk_list_box_bind_model (self->threat_detection_list, self->threat_detection_model,
                           create_control_row, NULL, NULL);
}

PosturePoliciesPage *
posture_policies_page_new (void)
{
  return g_object_new (POSTURE_TYPE_POLICIES_PAGE, NULL);
}

/**
 * posture_policies_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
PostureSession *
posture_policies_page_get_session (PosturePoliciesPage *self)
{
  g_return_val_if_fail (POSTURE_IS_POLICIES_PAGE (self), NULL);

  return self->session;
}

void
posture_policies_page_set_session (PosturePoliciesPage *self,
                                   PostureSession      *session)
{
  g_return_if_fail (POSTURE_IS_POLICIES_PAGE (self));
  g_return_if_fail (!session || POSTURE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_binding_group_set_source (self->session_bindings, session);
  if (session == NULL)
    posture_policies_page_set_assessment (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}
