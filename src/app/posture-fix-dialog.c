/* posture-fix-dialog.c: a fix, from its plan to how each resource ended
 *
 * Three pages: the plan core made (what changes where, what is left alone and why, the
 * risks, and the inputs the plan needs: the firewall's allow-list, the sharing limit,
 * the application ids); the progress while the runner writes and follows the service;
 * and the outcome of every resource in the service's words. Nothing is written before
 * Fix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-fix-dialog.h"
#include "posture-labels.h"

#include "posture-a11y.h"

struct _PostureFixDialog
{
  AdwWindow          parent_instance;

  /* Owned */
  PostureSession    *session;
  PostureAssessment *assessment;    /* what the plan was made from */
  PostureFixPlan    *plan;          /* NULL while an input is missing or refused */
  GCancellable      *cancellable;
  char              *control_id;
  PostureFixInputs   inputs;
  gboolean           running;
  gboolean           finished;

  /* Template children */
  AdwWindowTitle    *window_title;
  GtkStack          *stack;
  GtkLabel          *where_label;
  GtkWidget         *inputs_group;
  AdwEntryRow       *ip_ranges_row;
  AdwEntryRow       *app_ids_row;
  GtkWidget         *sharing_row;
  GtkSpinButton     *sharing_spin;
  GtkWidget         *enforce_row;
  GtkSwitch         *enforce_switch;
  GtkLabel          *input_error_label;
  GtkListBox        *changes_list;
  GtkListBox        *skipped_list;
  GtkLabel          *outcome_label;
  GtkListBox        *outcomes_list;
  GtkWidget         *cancel_button;
  GtkWidget         *fix_button;
  GtkWidget         *close_button;
  GListModel        *changes;
  GListModel        *skipped;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CONTROL_ID,
  PROP_PLAN,
  PROP_RUNNER,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (PostureFixDialog, posture_fix_dialog, ADW_TYPE_WINDOW)

/* Closures of the template */

/* The plan is NULL while an input is missing: every closure takes it as it is, so
 * that nothing of an earlier plan stays on screen. */

static char *
plan_summary (gpointer        unused,
              PostureFixPlan *plan)
{
  return g_strdup (plan != NULL ? posture_fix_plan_get_summary (plan) : "");
}

static gboolean
plan_has_risks (gpointer        unused,
                PostureFixPlan *plan)
{
  const char * const *risks = plan != NULL ? posture_fix_plan_get_risks (plan) : NULL;

  return risks != NULL && risks[0] != NULL;
}

static char *
plan_risks (gpointer        unused,
            PostureFixPlan *plan)
{
  const char * const *risks = plan != NULL ? posture_fix_plan_get_risks (plan) : NULL;
  GString *text = g_string_new (NULL);

  for (guint i = 0; risks != NULL && risks[i] != NULL; i++)
    g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", risks[i]);

  return g_string_free (text, FALSE);
}

static gboolean
plan_has_changes (gpointer        unused,
                  PostureFixPlan *plan)
{
  return plan != NULL && posture_fix_plan_get_n_changes (plan) > 0;
}

static gboolean
plan_has_skips (gpointer        unused,
                PostureFixPlan *plan)
{
  return plan != NULL && posture_fix_plan_get_n_skipped (plan) > 0;
}

static GListModel *
plan_steps (gpointer        unused,
            PostureFixPlan *plan)
{
  return plan != NULL ? g_object_ref (posture_fix_plan_get_steps (plan)) : NULL;
}

static char *
action_nick (gpointer         unused,
             PostureFixAction action)
{
  return g_strdup (posture_fix_action_to_string (action));
}

static double
fraction (gpointer unused,
          guint    done,
          guint    total)
{
  return total > 0 ? (double) done / total : 0;
}

/* "2 of 5: Contoso Sales", the resource being changed last; the step counts and the
 * current step are triggers, the runner says. */
static char *
describe_progress (gpointer          unused,
                   PostureFixRunner *runner,
                   guint             done,
                   PostureFixStep   *current)
{
  guint total = runner != NULL ? posture_fix_runner_get_n_total (runner) : 0;

  if (current == NULL)
    /* Translators: the progress of a fix, "2 of 5" */
    return g_strdup_printf (_("%u of %u"), done, total);
  /* Translators: the progress of a fix and the resource changed last, "2 of 5: Sales" */
  return g_strdup_printf (_("%u of %u: %s"), done, total,
                          posture_fix_step_get_name (current) != NULL ?
                              posture_fix_step_get_name (current) :
                              posture_fix_step_get_resource_id (current));
}

/* Rows */

static GtkWidget *
make_step_row (PostureFixStep *step,
               const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names come from the tenant: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 posture_fix_step_get_name (step) != NULL ?
                                     posture_fix_step_get_name (step) :
                                     posture_fix_step_get_resource_id (step));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* What changes: the reason, and the value before and after where the plan says. */
static GtkWidget *
create_plan_row_cb (gpointer item,
                    gpointer user_data)
{
  PostureFixStep *step = item;
  GString *text = g_string_new (posture_fix_step_get_reason (step));
  g_autofree char *subtitle = NULL;

  if (posture_fix_step_get_before (step) != NULL || posture_fix_step_get_after (step) != NULL)
    /* Translators: a value before and after a fix, on two lines */
    g_string_append_printf (text, _("\nBefore: %s\nAfter: %s"),
                            posture_fix_step_get_before (step) != NULL ?
                                posture_fix_step_get_before (step) :
                                "—",
                            posture_fix_step_get_after (step) != NULL ?
                                posture_fix_step_get_after (step) :
                                "—");
  subtitle = g_string_free (text, FALSE);

  return make_step_row (step, subtitle);
}

static const char *
outcome_css_class (PostureFixOutcome outcome)
{
  switch (outcome)
    {
    case POSTURE_FIX_OUTCOME_VERIFIED:
      return "result-pass";
    case POSTURE_FIX_OUTCOME_FAILED:
      return "result-fail";
    case POSTURE_FIX_OUTCOME_PENDING:
    case POSTURE_FIX_OUTCOME_SKIPPED:
    case POSTURE_FIX_OUTCOME_NONE:
    default:
      return "result-unknown";
    }
}

/* How it ended: the outcome in a word, and the service's words (or the reason it was
 * left alone) under the name. */
static GtkWidget *
create_outcome_row_cb (gpointer item,
                       gpointer user_data)
{
  PostureFixStep *step = item;
  PostureFixOutcome outcome = posture_fix_step_get_outcome (step);
  const char *message = posture_fix_step_get_message (step);
  g_autofree char *description = NULL;
  GtkWidget *label;
  GtkWidget *row;

  if (message == NULL)
    message = posture_fix_step_get_reason (step);
  row = make_step_row (step, message);

  label = gtk_label_new (posture_fix_outcome_label (outcome));
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, outcome_css_class (outcome));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  /* A screen reader hears the outcome with the words. */
  description = g_strdup_printf ("%s. %s", posture_fix_outcome_label (outcome),
                                 message != NULL ? message : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);

  return row;
}

/* The plan */

static GStrv
split_list (const char *text)
{
  g_auto(GStrv) pieces = g_regex_split_simple ("[\\s,;]+", text != NULL ? text : "", 0, 0);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pieces != NULL && pieces[i] != NULL; i++)
    if (pieces[i][0] != '\0')
      g_ptr_array_add (kept, g_strdup (pieces[i]));
  g_ptr_array_add (kept, NULL);

  return (GStrv) g_ptr_array_steal (kept, NULL);
}

static void
posture_fix_dialog_set_plan (PostureFixDialog *self,
                             PostureFixPlan   *plan)
{
  if (g_set_object (&self->plan, plan))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAN]);
}

static void
posture_fix_dialog_update_actions (PostureFixDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fix.run",
                                 !self->running && !self->finished && self->plan != NULL &&
                                 posture_fix_plan_get_n_changes (self->plan) > 0 &&
                                 !posture_session_get_busy (self->session));
}

/* Plans again with the inputs as they are; says what is missing or refused. */
static void
posture_fix_dialog_replan (PostureFixDialog *self)
{
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(PostureFixPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ip_ranges = split_list (gtk_editable_get_text (GTK_EDITABLE (self->ip_ranges_row)));
  g_auto(GStrv) app_ids = split_list (gtk_editable_get_text (GTK_EDITABLE (self->app_ids_row)));

  options.enforce = gtk_switch_get_active (self->enforce_switch);
  self->inputs =
      posture_remediation_get_inputs (self->control_id, options.enforce) |
      (posture_remediation_get_inputs (self->control_id, TRUE) & POSTURE_FIX_INPUT_ENFORCE);
  if (self->inputs & POSTURE_FIX_INPUT_IP_RANGES)
    options.ip_ranges = (const char * const *) ip_ranges;
  if (self->inputs & POSTURE_FIX_INPUT_APP_IDS)
    options.app_ids = (const char * const *) app_ids;
  if (self->inputs & POSTURE_FIX_INPUT_SHARING_LIMIT)
    options.sharing_limit = gtk_spin_button_get_value_as_int (self->sharing_spin);

  gtk_widget_set_visible (GTK_WIDGET (self->ip_ranges_row),
                          (self->inputs & POSTURE_FIX_INPUT_IP_RANGES) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->app_ids_row),
                          (self->inputs & POSTURE_FIX_INPUT_APP_IDS) != 0);
  gtk_widget_set_visible (self->sharing_row, (self->inputs & POSTURE_FIX_INPUT_SHARING_LIMIT) != 0);
  gtk_widget_set_visible (self->enforce_row, (self->inputs & POSTURE_FIX_INPUT_ENFORCE) != 0);
  gtk_widget_set_visible (self->inputs_group,
                          (self->inputs &
                           (POSTURE_FIX_INPUT_IP_RANGES | POSTURE_FIX_INPUT_APP_IDS |
                            POSTURE_FIX_INPUT_SHARING_LIMIT | POSTURE_FIX_INPUT_ENFORCE)) != 0);

  plan = posture_session_plan_fix (self->session, self->control_id, &options, &error);
  posture_fix_dialog_set_plan (self, plan);

  if (plan == NULL)
    {
      g_autofree char *text = NULL;

      g_debug ("No plan for %s: %s", self->control_id, error->message);
      if (g_error_matches (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_MISSING_OPTION) &&
          (self->inputs & POSTURE_FIX_INPUT_IP_RANGES) != 0)
        text = g_strdup (_("Enter the IP ranges the firewall is to allow. It starts in audit mode, "
                           "so that nobody is locked out while you check the list."));
      else if (g_error_matches (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_MISSING_OPTION) &&
               (self->inputs & POSTURE_FIX_INPUT_APP_IDS) != 0)
        text = g_strdup (_("Enter the ids of the applications that may reach Dataverse."));
      else if (g_error_matches (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION))
        /* Translators: %s names the entry refused and why (from the planner) */
        text = g_strdup_printf (_("Refused: %s"), error->message);
      else
        text = posture_error_to_text (error);
      gtk_label_set_label (self->input_error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->input_error_label), plan == NULL);
  posture_fix_dialog_update_actions (self);
}

static void
on_inputs_changed_cb (PostureFixDialog *self)
{
  if (!self->running && !self->finished)
    posture_fix_dialog_replan (self);
}

/* Carrying it out */

static void
posture_fix_dialog_fix_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PostureFixDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  PostureStatus status = POSTURE_STATUS_UNKNOWN;
  gboolean fixed;

  fixed = posture_session_fix_finish (POSTURE_SESSION (object), result, &status, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->running = FALSE;
  self->finished = TRUE;

  if (!fixed)
    summary = posture_error_to_text (error);
  else
    /* Translators: how a fix ended, per resource: "2 verified, 1 pending, 0 failed, 1 skipped" */
    summary =
        g_strdup_printf (_("%u verified, %u pending, %u failed, %u skipped."),
                         posture_fix_plan_count_outcome (self->plan, POSTURE_FIX_OUTCOME_VERIFIED),
                         posture_fix_plan_count_outcome (self->plan, POSTURE_FIX_OUTCOME_PENDING),
                         posture_fix_plan_count_outcome (self->plan, POSTURE_FIX_OUTCOME_FAILED),
                         posture_fix_plan_count_outcome (self->plan, POSTURE_FIX_OUTCOME_SKIPPED));
  gtk_label_set_label (self->outcome_label, summary);
  gtk_list_box_bind_model (self->outcomes_list, posture_fix_plan_get_steps (self->plan),
                           create_outcome_row_cb, NULL, NULL);

  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (self->fix_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->close_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->close_button);
  gtk_widget_grab_focus (self->close_button);
  posture_fix_dialog_update_actions (self);

  if (fixed)
    g_signal_emit (self, signals [FINISHED], 0, status);
}

static void
posture_fix_dialog_run_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  PostureFixDialog *self = POSTURE_FIX_DIALOG (widget);

  if (self->plan == NULL || self->running || self->finished)
    return;

  self->running = TRUE;
  posture_fix_dialog_update_actions (self);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "running");
  posture_session_fix_async (self->session, self->plan, self->cancellable,
                             posture_fix_dialog_fix_cb, g_object_ref (self));
}

static gboolean
posture_fix_dialog_close_request (GtkWindow *window)
{
  PostureFixDialog *self = POSTURE_FIX_DIALOG (window);

  /* Writes under way are seen through: closing now would hide how they end. */
  if (self->running)
    return TRUE;

  return GTK_WINDOW_CLASS (posture_fix_dialog_parent_class)->close_request (window);
}

static void
posture_fix_dialog_constructed (GObject *object)
{
  PostureFixDialog *self = (PostureFixDialog *) object;
  PostureControlResult *result;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (posture_fix_dialog_parent_class)->constructed (object);

  g_set_object (&self->assessment, posture_session_get_assessment (self->session));
  result = self->assessment != NULL ?
               posture_assessment_lookup (self->assessment, self->control_id) :
               NULL;
  /* Translators: the title of the Fix dialog; %s is a control's title */
  title =
      g_strdup_printf (_("Fix “%s”"),
                       result != NULL ?
                           posture_control_get_title (posture_control_result_get_control (result)) :
                           self->control_id);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (
      self->where_label,
      posture_session_get_demo (self->session) ?
          _("This is the demo tenant: nothing outside Posture changes.") :
          _("The changes apply to your tenant. Posture follows each one until the service "
             "is done, reads it back, then reads the tenant again."));

  g_signal_connect_object (self->session, "notify::busy",
                           G_CALLBACK (posture_fix_dialog_update_actions), self, G_CONNECT_SWAPPED);
  posture_fix_dialog_replan (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->fix_button);
}

static void
posture_fix_dialog_dispose (GObject *object)
{
  PostureFixDialog *self = (PostureFixDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_FIX_DIALOG);
  g_clear_object (&self->plan);
  g_clear_object (&self->assessment);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (posture_fix_dialog_parent_class)->dispose (object);
}

static void
posture_fix_dialog_finalize (GObject *object)
{
  PostureFixDialog *self = (PostureFixDialog *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->control_id, g_free);

  G_OBJECT_CLASS (posture_fix_dialog_parent_class)->finalize (object);
}

static void
posture_fix_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PostureFixDialog *self = POSTURE_FIX_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CONTROL_ID:
      g_value_set_string (value, self->control_id);
      break;

    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    case PROP_RUNNER:
      g_value_set_object (value, self->session != NULL ?
                                     posture_session_get_fix_runner (self->session) :
                                     NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PostureFixDialog *self = POSTURE_FIX_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_CONTROL_ID:
      self->control_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_dialog_class_init (PostureFixDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = posture_fix_dialog_constructed;
  object_class->dispose = posture_fix_dialog_dispose;
  object_class->finalize = posture_fix_dialog_finalize;
  object_class->get_property = posture_fix_dialog_get_property;
  object_class->set_property = posture_fix_dialog_set_property;

  window_class->close_request = posture_fix_dialog_close_request;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CONTROL_ID] =
    g_param_spec_string ("control-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, POSTURE_TYPE_FIX_PLAN,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_RUNNER] =
    g_param_spec_object ("runner", NULL, NULL, POSTURE_TYPE_FIX_RUNNER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PostureFixDialog::finished:
   * @status: the control's status after the tenant was read again
   *
   * The fix was carried out and the tenant read again.
   */
  signals [FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-fix-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, where_label);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, inputs_group);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, ip_ranges_row);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, app_ids_row);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, sharing_row);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, sharing_spin);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, enforce_row);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, enforce_switch);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, input_error_label);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, changes_list);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, skipped_list);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, outcomes_list);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, fix_button);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, changes);
  gtk_widget_class_bind_template_child (widget_class, PostureFixDialog, skipped);
  gtk_widget_class_bind_template_callback (widget_class, plan_summary);
  gtk_widget_class_bind_template_callback (widget_class, plan_has_risks);
  gtk_widget_class_bind_template_callback (widget_class, plan_risks);
  gtk_widget_class_bind_template_callback (widget_class, plan_has_changes);
  gtk_widget_class_bind_template_callback (widget_class, plan_has_skips);
  gtk_widget_class_bind_template_callback (widget_class, plan_steps);
  gtk_widget_class_bind_template_callback (widget_class, action_nick);
  gtk_widget_class_bind_template_callback (widget_class, fraction);
  gtk_widget_class_bind_template_callback (widget_class, describe_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_inputs_changed_cb);

  gtk_widget_class_install_action (widget_class, "fix.run", NULL, posture_fix_dialog_run_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (POSTURE_TYPE_FIX_PLAN);
  g_type_ensure (POSTURE_TYPE_FIX_RUNNER);
  g_type_ensure (POSTURE_TYPE_FIX_STEP);
}

static void
posture_fix_dialog_init (PostureFixDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->changes_list, self->changes, create_plan_row_cb, NULL, NULL);
  gtk_list_box_bind_model (self->skipped_list, self->skipped, create_plan_row_cb, NULL, NULL);
  /* The progress page's status page scrolls in a pane that has no name of its own. */
  posture_a11y_name_status_pages (GTK_WIDGET (self));
}

/**
 * posture_fix_dialog_new:
 * @parent: the window
 * @session: the tenant
 * @control_id: the control to fix
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the control has no
 *   fix through the API or nothing left to fix
 */
PostureFixDialog *
posture_fix_dialog_new (GtkWindow      *parent,
                        PostureSession *session,
                        const char     *control_id)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (POSTURE_IS_SESSION (session), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  if (!posture_session_can_fix (session, control_id))
    return NULL;

  return g_object_new (POSTURE_TYPE_FIX_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       "control-id", control_id,
                       NULL);
}

const char *
posture_fix_dialog_get_control_id (PostureFixDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_DIALOG (self), NULL);

  return self->control_id;
}

/**
 * posture_fix_dialog_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan shown, NULL while an input is missing
 */
PostureFixPlan *
posture_fix_dialog_get_plan (PostureFixDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_DIALOG (self), NULL);

  return self->plan;
}

/**
 * posture_fix_dialog_get_assessment:
 *
 * Returns: (transfer none) (nullable): the assessment the plan was made from
 */
PostureAssessment *
posture_fix_dialog_get_assessment (PostureFixDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_DIALOG (self), NULL);

  return self->assessment;
}
