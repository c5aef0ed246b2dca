/* posture-control-detail.c: one control's result, its references and the decision on it
 *
 * Everything shown is bound in ui/posture-control-detail.ui to the result on screen;
 * this file holds the closures that name values for people, and turns the switches the
 * admin moves into session calls for the control on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-control-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-control-detail.h"
#include "posture-labels.h"
#include "posture-resource-row.h"
#include "posture-risk-dialog.h"

struct _PostureControlDetail
{
  AdwBin                  parent_instance;

  /* Owned */
  PostureSession         *session;
  PostureControlResult   *result;
  PostureTrainingLibrary *library;

  /* Template children */
  GtkScrolledWindow      *scroller;
  GtkSwitch              *what_if_switch;
  GtkListBox             *resources_list;
  GtkListBox             *training_list;
  AdwComboRow            *decision_row;
  AdwEntryRow            *note_row;
  GListModel             *resources_slice;
  GListModel             *training_modules;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RESULT,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureControlDetail, posture_control_detail, ADW_TYPE_BIN)

/* Closures of the template */

static gboolean
status_is_to_do (PostureStatus status)
{
  return status == POSTURE_STATUS_FAIL || status == POSTURE_STATUS_PARTIAL;
}

static gboolean
is_to_do (gpointer      unused,
          PostureStatus status)
{
  return status_is_to_do (status);
}

static char *
describe_summary (gpointer              unused,
                  PostureControlResult *result)
{
  PostureControl *control;
  PostureStatus status;
  const char *severity;

  if (result == NULL)
    return NULL;

  control = posture_control_result_get_control (result);
  status = posture_control_result_get_status (result);
  severity = posture_severity_label (posture_control_get_severity (control));

  if (posture_control_result_get_possible (result) > 0 ||
      posture_control_result_get_raw_earned (result) > 0)
    {
      g_autofree char *gain = posture_format_gain (posture_control_result_get_gain (result));

      if (status_is_to_do (status))
        /* Translators: "High severity · Partly passing · 3 of 10 points · +6.5 points to gain" */
        return g_strdup_printf (_("%s severity · %s · %u of %u points · %s to gain"),
                                severity, posture_status_label (status),
                                posture_control_result_get_earned (result),
                                posture_control_result_get_possible (result), gain);
      /* Translators: "High severity · Passing · 10 of 10 points" */
      return g_strdup_printf (_("%s severity · %s · %u of %u points"),
                              severity, posture_status_label (status),
                              posture_control_result_get_earned (result),
                              posture_control_result_get_possible (result));
    }

  /* Translators: "High severity · Manual" */
  return g_strdup_printf (_("%s severity · %s"), severity, posture_status_label (status));
}

static gboolean
strv_contains (gpointer            unused,
               const char * const *strv,
               const char         *id)
{
  return strv != NULL && id != NULL && g_strv_contains (strv, id);
}

static gboolean
can_fix (gpointer              unused,
         PostureSession       *session,
         PostureControlResult *result,
         gboolean              busy)
{
  return session != NULL && result != NULL &&
         posture_session_can_fix (session, posture_control_result_get_id (result));
}

static GVariant *
string_variant (gpointer    unused,
                const char *text)
{
  return g_variant_ref_sink (g_variant_new_string (text != NULL ? text : ""));
}

static char *
describe_resources (gpointer              unused,
                    PostureControlResult *result)
{
  const char *evidence;

  if (result == NULL)
    return NULL;

  evidence = posture_control_result_get_evidence (result);
  /* Translators: counts of an environment list: "3 pass, 5 fail, 2 unknown" */
  return g_strdup_printf (evidence != NULL ? _("%u pass, %u fail, %u unknown\n%s")
                                           : _("%u pass, %u fail, %u unknown"),
                          posture_control_result_get_n_pass (result),
                          posture_control_result_get_n_fail (result),
                          posture_control_result_get_n_unknown (result),
                          evidence);
}

static guint
result_order (gpointer      unused,
              PostureResult result)
{
  switch (result)
    {
    case POSTURE_RESULT_FAIL:
      return 0;
    case POSTURE_RESULT_UNKNOWN:
      return 1;
    case POSTURE_RESULT_PASS:
    default:
      return 2;
    }
}

static gboolean
has_more_resources (gpointer unused,
                    guint    n_items,
                    guint    shown)
{
  return n_items > shown;
}

static char *
describe_more_resources (gpointer unused,
                         guint    n_items,
                         guint    shown)
{
  if (n_items <= shown)
    return NULL;

  /* Translators: under a list of environments cut short; the report has them all */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The first %u of %u environment, failing first. "
                                       "Export the report (Ctrl+E) for all of them.",
                                       "The first %u of %u environments, failing first. "
                                       "Export the report (Ctrl+E) for all of them.", n_items),
                          shown, n_items);
}

static char *
numbered_steps (gpointer            unused,
                const char * const *steps)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      /* Translators: a numbered remediation step, "1. Open the admin center…" */
      g_string_append_printf (text, _("%u. %s"), i + 1, steps[i]);
    }

  return g_string_free (text, FALSE);
}

static char *
or_none (gpointer    unused,
         const char *text)
{
  return g_strdup (text != NULL && text[0] != '\0' ? text : _("None"));
}

static char *
describe_scuba (gpointer        unused,
                PostureControl *control)
{
  const char *requirement;

  if (control == NULL || posture_control_get_scuba_id (control) == NULL)
    return g_strdup (_("None"));

  requirement = posture_control_get_scuba_requirement (control);
  /* Translators: a SCuBA policy id and its requirement, "MS.POWERPLATFORM.3.1v1 (SHALL)" */
  return g_strdup_printf (_("%s (%s)"), posture_control_get_scuba_id (control),
                          requirement != NULL ? requirement : "—");
}

static char *
principle_label (gpointer         unused,
                 PosturePrinciple principle)
{
  return g_strdup (posture_principle_label (principle));
}

static gboolean
strv_not_empty (gpointer            unused,
                const char * const *strv)
{
  return strv != NULL && strv[0] != NULL;
}

static GListModel *
strv_model (gpointer            unused,
            const char * const *strv)
{
  return G_LIST_MODEL (gtk_string_list_new (strv));
}

static guint
decision_position (gpointer         unused,
                   PostureDecision *decision)
{
  /* The drop-down lists the decisions in PostureDecisionStatus order. */
  return decision != NULL ? (guint) posture_decision_get_status (decision) :
                            POSTURE_DECISION_TO_ADDRESS;
}

static char *
decision_note (gpointer         unused,
               PostureDecision *decision)
{
  const char *note = decision != NULL ? posture_decision_get_note (decision) : NULL;

  return g_strdup (note != NULL ? note : "");
}

static gboolean
is_decided (gpointer         unused,
            PostureDecision *decision)
{
  return decision != NULL && posture_decision_get_updated_at (decision) != NULL;
}

/* "Risk accepted by Ann on 2 Dec 2026, 04:58 · Owner: Bob · Review by 3 Mar 2027" */
static char *
describe_decision (gpointer         unused,
                   PostureDecision *decision)
{
  g_autofree char *when = NULL;
  const char *author;
  GString *text;

  if (decision == NULL || posture_decision_get_updated_at (decision) == NULL)
    return NULL;

  when = posture_format_date_time (posture_decision_get_updated_at (decision));
  author = posture_decision_get_author (decision);
  text = g_string_new (NULL);
  if (author != NULL && author[0] != '\0')
    /* Translators: "Risk accepted by Ann Lee on 2 Dec 2026, 04:58" */
    g_string_append_printf (text, _("%s by %s on %s"),
                            posture_decision_label (posture_decision_get_status (decision)), author,
                            when);
  else
    /* Translators: "Risk accepted on 2 Dec 2026, 04:58" */
    g_string_append_printf (text, _("%s on %s"),
                            posture_decision_label (posture_decision_get_status (decision)), when);

  if (posture_decision_get_owner (decision) != NULL)
    /* Translators: who owns a decision */
    g_string_append_printf (text, _(" · Owner: %s"), posture_decision_get_owner (decision));
  if (posture_decision_get_due (decision) != NULL)
    {
      g_autofree char *review = posture_format_date (posture_decision_get_due (decision));

      /* Translators: when a decision is to be reviewed */
      g_string_append_printf (text, _(" · Review by %s"), review);
    }

  return g_string_free (text, FALSE);
}

/* The decision drop-down's items: GTK 4.8 does not name a list item after its label,
 * so the item (what a screen reader lands on) is named here. */

static void
decision_item_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
decision_item_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_widget_get_parent (label);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_label (GTK_LABEL (label), text);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* Rows */

static GtkWidget *
create_resource_row_cb (gpointer item,
                        gpointer user_data)
{
  return posture_resource_row_new (item);
}

static GtkWidget *
create_training_row_cb (gpointer item,
                        gpointer user_data)
{
  PostureControlDetail *self = user_data;
  const char *module_id = gtk_string_object_get_string (item);
  PostureTrainingModule *module = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Learn How"));
  const char *title = module_id;

  if (self->library != NULL &&
      (module = posture_training_library_lookup (self->library, module_id)) != NULL)
    title = posture_training_module_get_title (module);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.learn");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", module_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

/* What the admin changes, for the control on screen */

static void
on_what_if_switch_active_cb (PostureControlDetail *self)
{
  const char *id;

  if (self->session == NULL || self->result == NULL)
    return;

  id = posture_control_result_get_id (self->result);
  if (posture_session_get_what_if (self->session, id) !=
      gtk_switch_get_active (self->what_if_switch))
    posture_session_set_what_if (self->session, id, gtk_switch_get_active (self->what_if_switch));
}

static PostureDecisionStatus
shown_status (PostureControlDetail *self)
{
  PostureDecision *decision =
      self->result != NULL ? posture_control_result_get_decision (self->result) : NULL;

  return decision != NULL ? posture_decision_get_status (decision) : POSTURE_DECISION_TO_ADDRESS;
}

static void
on_risk_dialog_response_cb (PostureControlDetail *self,
                            const char           *response,
                            PostureRiskDialog    *dialog)
{
  g_autoptr(GDateTime) review = NULL;
  g_autofree char *note = NULL;

  if (g_strcmp0 (response, POSTURE_RISK_DIALOG_RESPONSE_ACCEPT) != 0 || self->session == NULL)
    {
      /* Nothing was decided: the drop-down shows the decision on record again. */
      adw_combo_row_set_selected (self->decision_row, shown_status (self));
      return;
    }

  note = g_strstrip (g_strdup (posture_risk_dialog_get_note (dialog)));
  review = posture_risk_dialog_dup_review (dialog);
  posture_session_set_decision (self->session, posture_risk_dialog_get_control_id (dialog),
                                POSTURE_DECISION_RISK_ACCEPTED, note,
                                posture_risk_dialog_get_owner (dialog), review);
}

static void
decide (PostureControlDetail  *self,
        PostureDecisionStatus  status)
{
  PostureDecision *current = posture_control_result_get_decision (self->result);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));

  if (status == POSTURE_DECISION_RISK_ACCEPTED)
    {
      PostureRiskDialog *dialog;

      dialog = posture_risk_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        posture_control_result_get_id (self->result),
                                        posture_control_result_get_control (self->result) != NULL ?
                                            posture_control_get_title (
                                                posture_control_result_get_control (self->result)) :
                                            posture_control_result_get_id (self->result),
                                        current);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_risk_dialog_response_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* The owner and the review date go with the decision they were given for. */
  posture_session_set_decision (self->session, posture_control_result_get_id (self->result), status,
                                note[0] != '\0' ? note : NULL,
                                current != NULL && posture_decision_get_status (current) == status ?
                                posture_decision_get_owner (current) : NULL,
                                current != NULL && posture_decision_get_status (current) == status ?
                                posture_decision_get_due (current) : NULL);
}

/* The drop-down follows the result on screen through its binding; only a choice that
 * differs from the decision on record is the admin's, and it goes to this control. */
static void
on_decision_row_selected_cb (PostureControlDetail *self)
{
  guint selected = adw_combo_row_get_selected (self->decision_row);

  if (self->session == NULL || self->result == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected == (guint) shown_status (self))
    return;

  decide (self, (PostureDecisionStatus) selected);
}

static void
on_note_row_apply_cb (PostureControlDetail *self)
{
  if (self->session == NULL || self->result == NULL)
    return;

  decide (self, shown_status (self));
}

static void
posture_control_detail_dispose (GObject *object)
{
  PostureControlDetail *self = (PostureControlDetail *) object;

  /* AdwBin keeps its own pointer to the child: drop it before the template unparents it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_CONTROL_DETAIL);
  g_clear_object (&self->session);
  g_clear_object (&self->result);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (posture_control_detail_parent_class)->dispose (object);
}

static void
posture_control_detail_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PostureControlDetail *self = POSTURE_CONTROL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;

    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_control_detail_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PostureControlDetail *self = POSTURE_CONTROL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_RESULT:
      posture_control_detail_set_result (self, g_value_get_object (value));
      break;

    case PROP_LIBRARY:
      if (g_set_object (&self->library, g_value_get_object (value)))
        {
          /* Module titles come from the library. */
          gtk_list_box_bind_model (self->training_list, self->training_modules,
                                   create_training_row_cb, self, NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_control_detail_class_init (PostureControlDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_control_detail_dispose;
  object_class->get_property = posture_control_detail_get_property;
  object_class->set_property = posture_control_detail_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, POSTURE_TYPE_CONTROL_RESULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, POSTURE_TYPE_TRAINING_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-control-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureControlDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, PostureControlDetail, what_if_switch);
  gtk_widget_class_bind_template_child (widget_class, PostureControlDetail, resources_list);
  gtk_widget_class_bind_template_child (widget_class, PostureControlDetail, training_list);
  gtk_widget_class_bind_template_child (widget_class, PostureControlDetail, decision_row);
  gtk_widget_class_bind_template_child (widget_class, PostureControlDetail, note_row);
  gtk_widget_class_bind_template_child (widget_class, PostureControlDetail, resources_slice);
  gtk_widget_class_bind_template_child (widget_class, PostureControlDetail, training_modules);
  gtk_widget_class_bind_template_callback (widget_class, is_to_do);
  gtk_widget_class_bind_template_callback (widget_class, describe_summary);
  gtk_widget_class_bind_template_callback (widget_class, strv_contains);
  gtk_widget_class_bind_template_callback (widget_class, can_fix);
  gtk_widget_class_bind_template_callback (widget_class, string_variant);
  gtk_widget_class_bind_template_callback (widget_class, describe_resources);
  gtk_widget_class_bind_template_callback (widget_class, result_order);
  gtk_widget_class_bind_template_callback (widget_class, has_more_resources);
  gtk_widget_class_bind_template_callback (widget_class, describe_more_resources);
  gtk_widget_class_bind_template_callback (widget_class, numbered_steps);
  gtk_widget_class_bind_template_callback (widget_class, or_none);
  gtk_widget_class_bind_template_callback (widget_class, describe_scuba);
  gtk_widget_class_bind_template_callback (widget_class, principle_label);
  gtk_widget_class_bind_template_callback (widget_class, strv_not_empty);
  gtk_widget_class_bind_template_callback (widget_class, strv_model);
  gtk_widget_class_bind_template_callback (widget_class, decision_position);
  gtk_widget_class_bind_template_callback (widget_class, decision_note);
  gtk_widget_class_bind_template_callback (widget_class, is_decided);
  gtk_widget_class_bind_template_callback (widget_class, describe_decision);
  gtk_widget_class_bind_template_callback (widget_class, on_what_if_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_row_apply_cb);

  g_type_ensure (POSTURE_TYPE_CONTROL_RESULT);
  g_type_ensure (POSTURE_TYPE_RESOURCE_RESULT);
  g_type_ensure (POSTURE_TYPE_SESSION);
}

static void
posture_control_detail_init (PostureControlDetail *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (decision_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (decision_item_bind_cb), NULL);
  adw_combo_row_set_factory (self->decision_row, factory);

  gtk_list_box_bind_model (self->resources_list, self->resources_slice,
                           create_resource_row_cb, NULL, NULL);
  gtk_list_box_bind_model (self->training_list, self->training_modules,
                           create_training_row_cb, self, NULL);
}

GtkWidget *
posture_control_detail_new (void)
{
  return g_object_new (POSTURE_TYPE_CONTROL_DETAIL, NULL);
}

PostureControlResult *
posture_control_detail_get_result (PostureControlDetail *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_DETAIL (self), NULL);

  return self->result;
}

/**
 * posture_control_detail_set_result:
 * @result: (nullable): the control to show
 *
 * A new result of the control on screen (after a reading, a fix or a decision) keeps
 * the place in the page; another control starts at the top.
 */
void
posture_control_detail_set_result (PostureControlDetail *self,
                                   PostureControlResult *result)
{
  gboolean same_control;

  g_return_if_fail (POSTURE_IS_CONTROL_DETAIL (self));
  g_return_if_fail (!result || POSTURE_IS_CONTROL_RESULT (result));

  if (self->result == result)
    return;

  same_control = self->result != NULL && result != NULL &&
                 g_strcmp0 (posture_control_result_get_id (self->result),
                            posture_control_result_get_id (result)) == 0;
  g_set_object (&self->result, result);
  if (!same_control)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESULT]);
}
