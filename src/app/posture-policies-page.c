/* posture-policies-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-policies-page"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-json.h"
#include "posture-policies-page.h"
#include "posture-sign-in-dialog.h"

/* Environments listed under one summary row at most; the rest are counted. */
#define MAX_LISTED 50

struct _PosturePoliciesPage
{
  AdwBin                parent_instance;

  /* Owned */
  PostureSnapshot      *snapshot;
  PostureTenantClient  *client;
  GCancellable         *cancellable;     /* cancelled in dispose */
  GPtrArray            *rows;            /* rows added to the groups */
  guint                 updating : 1;    /* a switch is being set from code */
  guint                 writing : 1;     /* a write is in flight */

  /* Template children */
  AdwToastOverlay      *toasts;
  GtkStack             *stack;
  GtkWidget            *read_only_label;
  AdwPreferencesGroup  *dlp_group;
  AdwPreferencesGroup  *protection_group;
  AdwPreferencesGroup  *isolation_group;
  AdwPreferencesGroup  *settings_group;
  AdwPreferencesGroup  *access_group;
  AdwPreferencesGroup  *compliance_group;
};

enum {
  PROP_0,
  PROP_SNAPSHOT,
  PROP_CLIENT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PosturePoliciesPage, posture_policies_page, ADW_TYPE_BIN)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* The security-relevant tenant settings (reference/tenant-api.md §2.3). @secure is
 * the value that is the safer one. */
typedef struct
{
  const char *path;
  const char *title;
  const char *subtitle;
  gboolean    secure;
} TenantSetting;

static const TenantSetting tenant_settings[] = {
  { "disableEnvironmentCreationByNonAdminUsers",
    N_("Only Admins Create Production and Sandbox Environments"),
    N_("Makers cannot create environments outside your governance"), TRUE },
  { "disableTrialEnvironmentCreationByNonAdminUsers",
    N_("Only Admins Create Trial Environments"),
    N_("Trial environments are a common place for ungoverned data"), TRUE },
  { "powerPlatform.governance.disableDeveloperEnvironmentCreationByNonAdminUsers",
    N_("Only Admins Create Developer Environments"),
    N_("Developer environments are personal and outside most policies"), TRUE },
  { "disablePortalsCreationByNonAdminUsers",
    N_("Only Admins Create Power Pages Sites"),
    N_("Sites can expose data to anonymous visitors"), TRUE },
  { "powerPlatform.powerApps.disableShareWithEveryone",
    N_("Block Sharing Apps With Everyone"),
    N_("Makers cannot share an app with the whole organization"), TRUE },
  { "powerPlatform.powerApps.disableConnectionSharingWithEveryone",
    N_("Block Sharing Connections With Everyone"),
    N_("Makers cannot share their connections with the whole organization"), TRUE },
  { "powerPlatform.powerApps.enableGuestsToMake",
    N_("Guests Can Make Apps"),
    N_("Guest users from other organizations can create apps"), FALSE },
};

static void
posture_policies_page_toast (PosturePoliciesPage *self,
                             const char          *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
posture_policies_page_add (PosturePoliciesPage *self,
                           AdwPreferencesGroup *group,
                           GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names come from the tenant: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GtkWidget *
value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

/* Builds {"a":{"b":{"c":value}}} for the dotted path "a.b.c". */
static JsonObject *
changes_for_path (const char *path,
                  gboolean    value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonObject *leaf = json_object_new ();

  json_object_set_boolean_member (leaf, parts[n - 1], value);

  for (guint i = n - 1; i > 0; i--)
    {
      JsonObject *parent = json_object_new ();

      json_object_set_object_member (parent, parts[i - 1], leaf);
      leaf = parent;
    }

  return leaf;
}

typedef struct
{
  PosturePoliciesPage *self;
  GtkSwitch           *toggle;
  gboolean             requested;
} Write;

static void
write_free (Write *write)
{
  g_clear_object (&write->self);
  g_clear_object (&write->toggle);
  g_free (write);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Write, write_free)

static void
posture_policies_page_set_toggle (PosturePoliciesPage *self,
                                  GtkSwitch           *toggle,
                                  gboolean             active)
{
  self->updating = TRUE;
  gtk_switch_set_active (toggle, active);
  gtk_switch_set_state (toggle, active);
  self->updating = FALSE;
}

static void
write_done (Write      *write,
            JsonNode   *result,
            GError     *error)
{
  PosturePoliciesPage *self = write->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->writing = FALSE;

  if (result == NULL)
    {
      g_autofree char *text = posture_sign_in_describe_error (error);
      g_autofree char *message = NULL;

      g_debug ("Policy change failed: %s", error->message);
      /* Translators: %s says why and what to do. */
      message = g_strdup_printf (_("The change was not made. %s"), text);
      posture_policies_page_set_toggle (self, write->toggle, !write->requested);
      posture_policies_page_toast (self, message);
      return;
    }

  posture_policies_page_set_toggle (self, write->toggle, write->requested);
  posture_policies_page_toast (self, _("Changed. Reading the tenant again to verify…"));
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
update_tenant_settings_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = posture_tenant_client_update_tenant_settings_finish (POSTURE_TENANT_CLIENT (object), result, &error);
  write_done (write, node, error);
}

static void
set_tenant_isolation_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = posture_tenant_client_set_tenant_isolation_finish (POSTURE_TENANT_CLIENT (object), result, &error);
  write_done (write, node, error);
}

static JsonObject *
isolation_policy (PosturePoliciesPage *self,
                  gboolean             enable)
{
  GPtrArray *allowed = posture_snapshot_get_allowed_tenants (self->snapshot);
  JsonObject *policy = json_object_new ();
  JsonObject *properties_ = json_object_new ();
  JsonArray *list = json_array_new ();

  /* The allow-list is kept as it is; only the switch changes. */
  for (guint i = 0; allowed != NULL && i < allowed->len; i++)
    {
      const PostureAllowedTenant *tenant = g_ptr_array_index (allowed, i);
      JsonObject *entry = json_object_new ();
      JsonObject *direction = json_object_new ();

      json_object_set_string_member (entry, "tenantId", tenant->tenant_id);
      json_object_set_boolean_member (direction, "inbound", tenant->inbound);
      json_object_set_boolean_member (direction, "outbound", tenant->outbound);
      json_object_set_object_member (entry, "direction", direction);
      json_array_add_object_element (list, entry);
    }

  if (posture_snapshot_get_tenant_id (self->snapshot) != NULL)
    json_object_set_string_member (properties_, "tenantId", posture_snapshot_get_tenant_id (self->snapshot));
  json_object_set_boolean_member (properties_, "isDisabled", !enable);
  json_object_set_array_member (properties_, "allowedTenants", list);
  json_object_set_object_member (policy, "properties", properties_);

  return policy;
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(Write) write = user_data;
  PosturePoliciesPage *self = write->self;
  const char *path = g_object_get_data (G_OBJECT (write->toggle), "setting-path");

  if (g_strcmp0 (response, "apply") != 0 || self->client == NULL || self->cancellable == NULL)
    {
      posture_policies_page_set_toggle (self, write->toggle, !write->requested);
      return;
    }

  self->writing = TRUE;

  if (path != NULL)
    {
      g_autoptr(JsonObject) changes = changes_for_path (path, write->requested);

      posture_tenant_client_update_tenant_settings_async (self->client, changes, self->cancellable,
                                                          update_tenant_settings_cb,
                                                          g_steal_pointer (&write));
    }
  else
    {
      g_autoptr(JsonObject) policy = isolation_policy (self, write->requested);

      posture_tenant_client_set_tenant_isolation_async (self->client, policy, self->cancellable,
                                                        set_tenant_isolation_cb,
                                                        g_steal_pointer (&write));
    }
}

static gboolean
on_state_set_cb (GtkSwitch *toggle,
                 gboolean   state,
                 gpointer   user_data)
{
  PosturePoliciesPage *self = user_data;
  const char *path = g_object_get_data (G_OBJECT (toggle), "setting-path");
  const char *title = g_object_get_data (G_OBJECT (toggle), "setting-title");
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkRoot *root;
  Write *write;

  if (self->updating)
    return FALSE;

  if (self->client == NULL || self->writing)
    {
      /* Nothing is sent: put the switch back. */
      posture_policies_page_set_toggle (self, toggle, !state);
      return TRUE;
    }

  if (path != NULL)
    {
      /* Translators: %s is a tenant setting, e.g. "Block Sharing Apps With Everyone". */
      heading = g_strdup_printf (state ? _("Turn On “%s”?") : _("Turn Off “%s”?"), _(title));
      /* Translators: the first %s is a setting's API name, the second "true" or "false". */
      body = g_strdup_printf (_("Posture will change this tenant setting for the whole tenant: %s becomes %s. Every environment is affected at once."),
                              path, state ? "true" : "false");
    }
  else
    {
      GPtrArray *allowed = posture_snapshot_get_allowed_tenants (self->snapshot);
      guint n = allowed != NULL ? allowed->len : 0;

      heading = g_strdup (state ? _("Turn On Tenant Isolation?") : _("Turn Off Tenant Isolation?"));
      if (state)
        body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Posture will set the tenant isolation policy to enabled (isDisabled becomes false). Connections with other tenants are then blocked, except the %u tenant on the allow-list, which stays as it is.",
                                             "Posture will set the tenant isolation policy to enabled (isDisabled becomes false). Connections with other tenants are then blocked, except the %u tenants on the allow-list, which stays as it is.",
                                             n), n);
      else
        body = g_strdup (_("Posture will set the tenant isolation policy to disabled (isDisabled becomes true). Connections with any other tenant are then allowed. The allow-list stays as it is."));
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", state ? _("_Turn On") : _("_Turn Off"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              (state == (path == NULL || g_strcmp0 (path, "powerPlatform.powerApps.enableGuestsToMake") != 0))
                                              ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  write = g_new0 (Write, 1);
  write->self = g_object_ref (self);
  write->toggle = g_object_ref (toggle);
  write->requested = state;
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), write);

  gtk_window_present (GTK_WINDOW (dialog));

  /* The state stays until the change is confirmed and made. */
  return TRUE;
}

static GtkWidget *
toggle_row (PosturePoliciesPage *self,
            const char          *name,
            const char          *title,
            const char          *subtitle,
            gboolean             value,
            const char          *path,
            const char          *untranslated_title)
{
  GtkWidget *row = text_row (title, subtitle);
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_name (row, name);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), value);
  gtk_switch_set_state (GTK_SWITCH (toggle), value);
  gtk_widget_set_sensitive (toggle, self->client != NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  if (path != NULL)
    g_object_set_data_full (G_OBJECT (toggle), "setting-path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (toggle), "setting-title", (gpointer) untranslated_title);
  g_signal_connect_object (toggle, "state-set", G_CALLBACK (on_state_set_cb), self, 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  return row;
}

static void
posture_policies_page_build_settings (PosturePoliciesPage *self)
{
  JsonObject *settings = posture_snapshot_get_tenant_settings (self->snapshot);

  for (guint i = 0; i < G_N_ELEMENTS (tenant_settings); i++)
    {
      const TenantSetting *setting = &tenant_settings[i];
      g_autofree char *name = g_strconcat ("setting:", setting->path, NULL);
      gboolean value = FALSE;
      GtkWidget *row;

      if (settings == NULL || !posture_json_get_path_boolean (settings, setting->path, &value))
        {
          row = text_row (_(setting->title), _(setting->subtitle));
          gtk_widget_set_name (row, name);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label (_("Not reported")));
        }
      else
        {
          g_autofree char *subtitle = NULL;

          /* Translators: %s explains the setting; the tag says whether its value is the safer one. */
          subtitle = g_strdup_printf (value == setting->secure ? _("%s (recommended value)") : _("%s (not the recommended value)"),
                                      _(setting->subtitle));
          row = toggle_row (self, name, _(setting->title), subtitle, value, setting->path, setting->title);
        }

      posture_policies_page_add (self, self->settings_group, row);
    }
}

static void
posture_policies_page_build_isolation (PosturePoliciesPage *self)
{
  PostureIsolationState state = posture_snapshot_get_isolation_state (self->snapshot);
  GPtrArray *allowed = posture_snapshot_get_allowed_tenants (self->snapshot);
  const char *subtitle;
  GtkWidget *row;

  switch (state)
    {
    case POSTURE_ISOLATION_ENABLED:
      subtitle = _("On: connections with other tenants are blocked, except the allowed ones");
      break;
    case POSTURE_ISOLATION_DISABLED:
      subtitle = _("Off: makers can connect to any other tenant");
      break;
    case POSTURE_ISOLATION_NOT_CONFIGURED:
    default:
      subtitle = _("Never configured: makers can connect to any other tenant");
      break;
    }

  row = toggle_row (self, "isolation", _("Tenant Isolation"), subtitle,
                    state == POSTURE_ISOLATION_ENABLED, NULL, N_("Tenant Isolation"));
  posture_policies_page_add (self, self->isolation_group, row);

  if (allowed == NULL || allowed->len == 0)
    {
      row = text_row (_("Allowed Tenants"), _("None: no other tenant is allowed"));
      gtk_widget_set_name (row, "allow-list");
      posture_policies_page_add (self, self->isolation_group, row);
      return;
    }

  row = adw_expander_row_new ();
  gtk_widget_set_name (row, "allow-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Allowed Tenants"));
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tenant", "%u tenants", allowed->len),
                                              allowed->len);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), count);
  }

  for (guint i = 0; i < allowed->len; i++)
    {
      const PostureAllowedTenant *tenant = g_ptr_array_index (allowed, i);
      const char *direction;
      GtkWidget *entry;

      if (tenant->inbound && tenant->outbound)
        direction = _("Inbound and outbound");
      else if (tenant->inbound)
        direction = _("Inbound only");
      else if (tenant->outbound)
        direction = _("Outbound only");
      else
        direction = _("Neither direction");

      entry = text_row (tenant->tenant_id, direction);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
    }

  posture_policies_page_add (self, self->isolation_group, row);
}

static const char *
classification_title (const char *classification)
{
  if (g_ascii_strcasecmp (classification, "Confidential") == 0)
    return _("Business");
  if (g_ascii_strcasecmp (classification, "General") == 0)
    return _("Non-business");
  if (g_ascii_strcasecmp (classification, "Blocked") == 0)
    return _("Blocked");

  return classification;
}

static char *
environment_names (PosturePoliciesPage *self,
                   const char * const  *names)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = names ? g_strv_length ((char **) names) : 0;

  for (guint i = 0; i < n && i < MAX_LISTED; i++)
    {
      const PostureEnvironment *env = posture_snapshot_lookup_environment (self->snapshot, names[i]);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, env != NULL && env->display_name != NULL ? env->display_name : names[i]);
    }

  if (n > MAX_LISTED)
    /* Translators: appended to a list of environments. */
    g_string_append_printf (text, _(" and %u more"), n - MAX_LISTED);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
posture_policies_page_build_dlp (PosturePoliciesPage *self)
{
  guint n = posture_snapshot_get_n_dlp_policies (self->snapshot);
  const PostureEnvironment *default_env = posture_snapshot_get_default_environment (self->snapshot);

  if (n == 0)
    {
      GtkWidget *row = text_row (_("No Data Policies"),
                                 _("Makers can combine any connectors in any environment. Create a tenant-wide data policy in the admin center."));

      gtk_widget_set_name (row, "dlp-none");
      posture_policies_page_add (self, self->dlp_group, row);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (self->snapshot, i);
      const char *type = policy->environment_type ? policy->environment_type : "";
      guint n_listed = policy->environments ? g_strv_length (policy->environments) : 0;
      g_autofree char *scope = NULL;
      g_autofree char *name = g_strconcat ("dlp:", policy->name ? policy->name : "", NULL);
      GtkWidget *row;
      GtkWidget *child;

      if (g_ascii_strcasecmp (type, "AllEnvironments") == 0)
        scope = g_strdup (_("All environments"));
      else if (g_ascii_strcasecmp (type, "ExceptEnvironments") == 0)
        scope = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All environments except %u",
                                              "All environments except %u", n_listed), n_listed);
      else if (g_ascii_strcasecmp (type, "OnlyEnvironments") == 0)
        scope = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Only %u environment",
                                              "Only %u environments", n_listed), n_listed);
      else
        scope = g_strdup (type);

      row = adw_expander_row_new ();
      gtk_widget_set_name (row, name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     policy->display_name ? policy->display_name : policy->name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), scope);

      if (n_listed > 0)
        {
          g_autofree char *names = environment_names (self, (const char * const *) policy->environments);

          child = text_row (g_ascii_strcasecmp (type, "ExceptEnvironments") == 0
                            ? _("Excluded Environments") : _("Environments"), names);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
        }

      if (default_env != NULL)
        {
          gboolean covers = posture_dlp_policy_covers (policy, default_env->name);

          child = text_row (_("Default Environment"), covers ? _("Covered") : _("Not covered"));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
        }

      for (guint g = 0; policy->connector_groups != NULL && g < policy->connector_groups->len; g++)
        {
          const PostureConnectorGroup *group = g_ptr_array_index (policy->connector_groups, g);
          guint n_connectors = group->connector_names ? g_strv_length (group->connector_names) : 0;
          g_autofree char *title = NULL;
          g_autofree char *connectors = NULL;

          /* Translators: a connector group and its size, e.g. "Business (4)". */
          title = g_strdup_printf (_("%s (%u)"), classification_title (group->classification ? group->classification : ""),
                                   n_connectors);
          if (n_connectors == 0)
            connectors = g_strdup (_("No connectors"));
          else
            {
              /* The snapshot is shared and immutable: join without touching it. */
              g_autoptr(GString) text = g_string_new (NULL);

              for (guint c = 0; c < n_connectors && c < MAX_LISTED; c++)
                {
                  if (text->len > 0)
                    g_string_append (text, ", ");
                  g_string_append (text, group->connector_names[c]);
                }
              if (n_connectors > MAX_LISTED)
                /* Translators: appended to a list of connectors. */
                g_string_append_printf (text, _(" and %u more"), n_connectors - MAX_LISTED);
              connectors = g_string_free (g_steal_pointer (&text), FALSE);
            }

          child = text_row (title, connectors);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (child), 4);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
        }

      posture_policies_page_add (self, self->dlp_group, row);
    }
}

typedef gboolean (*EnvApplies) (const PostureEnvironment *env);
typedef gboolean (*EnvPasses)  (const PostureEnvironment *env);

static gboolean
dv_flag (const PostureEnvironment *env,
         const char               *member)
{
  gboolean value = FALSE;

  return env->dataverse != NULL && posture_json_get_boolean (env->dataverse, member, &value) && value;
}

static gboolean applies_all (const PostureEnvironment *env) { return TRUE; }
static gboolean applies_dataverse_read (const PostureEnvironment *env) { return env->dataverse_state == POSTURE_DATAVERSE_READ; }
static gboolean applies_dataverse_not_default (const PostureEnvironment *env) { return env->has_dataverse && !env->is_default; }
static gboolean applies_not_developer (const PostureEnvironment *env) { return env->sku == NULL || g_ascii_strcasecmp (env->sku, "Developer") != 0; }
static gboolean applies_production_dataverse (const PostureEnvironment *env) { return env->has_dataverse && env->sku != NULL && g_ascii_strcasecmp (env->sku, "Production") == 0; }

static gboolean passes_managed (const PostureEnvironment *env) { return env->managed; }
static gboolean passes_security_group (const PostureEnvironment *env) { return env->security_group_id != NULL; }
static gboolean passes_cmk (const PostureEnvironment *env) { return env->cmk_linked; }
static gboolean passes_vnet (const PostureEnvironment *env) { return env->vnet_linked; }
static gboolean passes_audit (const PostureEnvironment *env) { return dv_flag (env, "isauditenabled"); }
static gboolean passes_cookie (const PostureEnvironment *env) { return dv_flag (env, "enableipbasedcookiebinding"); }
static gboolean passes_firewall (const PostureEnvironment *env) { return dv_flag (env, "enableipbasedfirewallrule") && !dv_flag (env, "enableipbasedfirewallruleinauditmode"); }

static gboolean
passes_sharing (const PostureEnvironment *env)
{
  gboolean limited_mode = env->limit_sharing_mode != NULL && g_ascii_strcasecmp (env->limit_sharing_mode, "noLimit") != 0;

  return env->managed && (limited_mode || env->max_limit_user_sharing != -1);
}

static void
posture_policies_page_add_summary (PosturePoliciesPage *self,
                                   AdwPreferencesGroup *group,
                                   const char          *name,
                                   const char          *title,
                                   const char          *none_text,
                                   EnvApplies           applies,
                                   EnvPasses            passes)
{
  guint n_envs = posture_snapshot_get_n_environments (self->snapshot);
  guint n_applicable = 0;
  guint n_passing = 0;
  guint n_listed = 0;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  row = adw_expander_row_new ();
  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  for (guint i = 0; i < n_envs; i++)
    {
      const PostureEnvironment *env = posture_snapshot_get_environment (self->snapshot, i);

      if (!applies (env))
        continue;

      n_applicable++;
      if (passes (env))
        {
          n_passing++;
          continue;
        }

      if (n_listed < MAX_LISTED)
        {
          g_autofree char *detail = g_strdup_printf ("%s · %s", env->sku ? env->sku : "", env->name ? env->name : "");
          GtkWidget *child = text_row (env->display_name ? env->display_name : env->name, detail);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
        }
      n_listed++;
    }

  if (n_listed > MAX_LISTED)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more environment",
                                                            "And %u more environments", n_listed - MAX_LISTED),
                                               n_listed - MAX_LISTED);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row (more, NULL));
    }

  if (n_applicable == 0)
    subtitle = g_strdup (none_text);
  else
    /* Translators: e.g. "3 of 10 environments"; the list under it shows the others. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u environment", "%u of %u environments", n_applicable),
                                n_passing, n_applicable);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_listed > 0);
  g_object_set_data (G_OBJECT (row), "passing", GUINT_TO_POINTER (n_passing));
  g_object_set_data (G_OBJECT (row), "applicable", GUINT_TO_POINTER (n_applicable));

  posture_policies_page_add (self, group, row);
}

static void
posture_policies_page_build_environments (PosturePoliciesPage *self)
{
  guint n_envs = posture_snapshot_get_n_environments (self->snapshot);
  guint n_unreadable = 0;

  posture_policies_page_add_summary (self, self->protection_group, "env:customer-managed-key",
                                     _("Customer-Managed Encryption Key"),
                                     _("No production environment with Dataverse"),
                                     applies_production_dataverse, passes_cmk);
  posture_policies_page_add_summary (self, self->protection_group, "env:virtual-network",
                                     _("Azure Virtual Network"),
                                     _("No production environment with Dataverse"),
                                     applies_production_dataverse, passes_vnet);

  posture_policies_page_add_summary (self, self->access_group, "env:security-group",
                                     _("Environment Security Groups"),
                                     _("No environment with Dataverse besides the default one"),
                                     applies_dataverse_not_default, passes_security_group);
  posture_policies_page_add_summary (self, self->access_group, "env:sharing-limits",
                                     _("Sharing Limits"),
                                     _("No environment to limit"),
                                     applies_not_developer, passes_sharing);
  posture_policies_page_add_summary (self, self->access_group, "env:ip-firewall",
                                     _("IP Firewall"),
                                     _("No readable Dataverse settings"),
                                     applies_dataverse_read, passes_firewall);
  posture_policies_page_add_summary (self, self->access_group, "env:ip-cookie-binding",
                                     _("IP Address-Based Cookie Binding"),
                                     _("No readable Dataverse settings"),
                                     applies_dataverse_read, passes_cookie);

  posture_policies_page_add_summary (self, self->compliance_group, "env:auditing",
                                     _("Auditing"),
                                     _("No readable Dataverse settings"),
                                     applies_dataverse_read, passes_audit);
  posture_policies_page_add_summary (self, self->compliance_group, "env:managed",
                                     _("Managed Environments"),
                                     _("No environments"),
                                     applies_all, passes_managed);

  for (guint i = 0; i < n_envs; i++)
    {
      const PostureEnvironment *env = posture_snapshot_get_environment (self->snapshot, i);

      if (env->dataverse_state == POSTURE_DATAVERSE_ERROR || env->dataverse_state == POSTURE_DATAVERSE_MISSING)
        n_unreadable++;
    }

  if (n_unreadable > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "The Dataverse settings of %u environment could not be read",
                                                             "The Dataverse settings of %u environments could not be read",
                                                             n_unreadable), n_unreadable);
      GtkWidget *row = text_row (title, _("They are left out of the counts above. Check that the account has a role in those environments, then refresh."));

      gtk_widget_set_name (row, "env:unreadable");
      gtk_widget_add_css_class (row, "warning");
      posture_policies_page_add (self, self->compliance_group, row);
    }
}

static void
posture_policies_page_rebuild (PosturePoliciesPage *self)
{
  g_assert (POSTURE_IS_POLICIES_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  gtk_widget_set_visible (self->read_only_label, self->client == NULL);

  if (self->snapshot == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  posture_policies_page_build_dlp (self);
  posture_policies_page_build_isolation (self);
  posture_policies_page_build_settings (self);
  posture_policies_page_build_environments (self);

  gtk_stack_set_visible_child_name (self->stack, "policies");
}

static void
posture_policies_page_dispose (GObject *object)
{
  PosturePoliciesPage *self = (PosturePoliciesPage *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  /* AdwBin unparents its child in its own dispose: let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_POLICIES_PAGE);

  g_clear_object (&self->snapshot);
  g_clear_object (&self->client);

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
    case PROP_SNAPSHOT:
      g_value_set_object (value, self->snapshot);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
    case PROP_SNAPSHOT:
      posture_policies_page_set_snapshot (self, g_value_get_object (value));
      break;

    case PROP_CLIENT:
      posture_policies_page_set_client (self, g_value_get_object (value));
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

  properties [PROP_SNAPSHOT] =
    g_param_spec_object ("snapshot", NULL, NULL,
                         POSTURE_TYPE_SNAPSHOT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         POSTURE_TYPE_TENANT_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PosturePoliciesPage::changed:
   *
   * A change was made in the tenant; read it again.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/posture/Posture/ui/posture-policies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, dlp_group);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, protection_group);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, isolation_group);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, settings_group);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, access_group);
  gtk_widget_class_bind_template_child (widget_class, PosturePoliciesPage, compliance_group);
}

static void
posture_policies_page_init (PosturePoliciesPage *self)
{
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  posture_policies_page_rebuild (self);
}

PosturePoliciesPage *
posture_policies_page_new (void)
{
  return g_object_new (POSTURE_TYPE_POLICIES_PAGE, NULL);
}

/**
 * posture_policies_page_get_snapshot:
 *
 * Returns: (transfer none) (nullable): the snapshot shown
 */
PostureSnapshot *
posture_policies_page_get_snapshot (PosturePoliciesPage *self)
{
  g_return_val_if_fail (POSTURE_IS_POLICIES_PAGE (self), NULL);

  return self->snapshot;
}

void
posture_policies_page_set_snapshot (PosturePoliciesPage *self,
                                    PostureSnapshot     *snapshot)
{
  g_return_if_fail (POSTURE_IS_POLICIES_PAGE (self));
  g_return_if_fail (!snapshot || POSTURE_IS_SNAPSHOT (snapshot));

  if (g_set_object (&self->snapshot, snapshot))
    {
      posture_policies_page_rebuild (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SNAPSHOT]);
    }
}

/**
 * posture_policies_page_get_client:
 *
 * Returns: (transfer none) (nullable): the client changes go through
 */
PostureTenantClient *
posture_policies_page_get_client (PosturePoliciesPage *self)
{
  g_return_val_if_fail (POSTURE_IS_POLICIES_PAGE (self), NULL);

  return self->client;
}

void
posture_policies_page_set_client (PosturePoliciesPage *self,
                                  PostureTenantClient *client)
{
  g_return_if_fail (POSTURE_IS_POLICIES_PAGE (self));
  g_return_if_fail (!client || POSTURE_IS_TENANT_CLIENT (client));

  if (g_set_object (&self->client, client))
    {
      /* A write of the previous client is no longer ours to report. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->writing = FALSE;

      posture_policies_page_rebuild (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
    }
}
