/* posture-remediation.c: one planning function per kind of fix
 *
 * Each function turns the engine's failing resources into steps: the preconditions
 * the real service imposes (Microsoft Learn; Microsoft's Terraform provider), the
 * exact requests with only the members that change, and what a read-back must show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-remediation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "posture-catalog.h"
#include "posture-engine.h"
#include "posture-fix-private.h"
#include "posture-ip-range.h"
#include "posture-json.h"
#include "posture-remediation.h"
#include "posture-text.h"

G_DEFINE_QUARK (posture-fix-error-quark, posture_fix_error)

#define UPDATE_SETTINGS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/scopes/admin/updateTenantSettings" \
  "?api-version=2023-06-01"
#define DLP_POLICIES_PATH "/providers/PowerPlatform.Governance/v2/policies"
#define ORGANIZATIONS_PATH "api/data/v9.2/organizations(%s)"
#define CONNECTOR_PREFIX "/providers/Microsoft.PowerApps/apis/"

/* DESIGN.md's allow-list (ScubaGear's), with the names the admin center shows. */
static const char * const baseline_connectors[] = {
  CONNECTOR_PREFIX "shared_approvals",
  CONNECTOR_PREFIX "shared_cloudappsecurity",
  CONNECTOR_PREFIX "shared_commondataservice",
  CONNECTOR_PREFIX "shared_commondataserviceforapps",
  CONNECTOR_PREFIX "shared_excelonlinebusiness",
  CONNECTOR_PREFIX "shared_flowpush",
  CONNECTOR_PREFIX "shared_kaizala",
  CONNECTOR_PREFIX "shared_microsoftformspro",
  CONNECTOR_PREFIX "shared_office365",
  CONNECTOR_PREFIX "shared_office365groups",
  CONNECTOR_PREFIX "shared_office365groupsmail",
  CONNECTOR_PREFIX "shared_office365users",
  CONNECTOR_PREFIX "shared_onedriveforbusiness",
  CONNECTOR_PREFIX "shared_onenote",
  CONNECTOR_PREFIX "shared_planner",
  CONNECTOR_PREFIX "shared_powerappsnotification",
  CONNECTOR_PREFIX "shared_powerappsnotificationv2",
  CONNECTOR_PREFIX "shared_powerbi",
  CONNECTOR_PREFIX "shared_powervirtualagents",
  CONNECTOR_PREFIX "shared_sharepointonline",
  CONNECTOR_PREFIX "shared_shifts",
  CONNECTOR_PREFIX "shared_skypeforbiz",
  CONNECTOR_PREFIX "shared_teams",
  CONNECTOR_PREFIX "shared_todo",
  CONNECTOR_PREFIX "shared_yammer",
  NULL
};

static const char * const baseline_connector_names[] = {
  "Approvals", "Microsoft Defender for Cloud Apps", "Microsoft Dataverse (legacy)",
  "Microsoft Dataverse", "Excel Online (Business)", "Notifications", "Kaizala",
  "Microsoft Forms Pro", "Office 365 Outlook", "Office 365 Groups", "Office 365 Groups Mail",
  "Office 365 Users", "OneDrive for Business", "OneNote (Business)", "Planner",
  "Power Apps Notification", "Power Apps Notification V2", "Power BI", "Microsoft Copilot Studio",
  "SharePoint", "Shifts for Microsoft Teams", "Skype for Business Online", "Microsoft Teams",
  "Microsoft To Do (Business)", "Viva Engage",
};

G_STATIC_ASSERT (G_N_ELEMENTS (baseline_connectors) == G_N_ELEMENTS (baseline_connector_names) + 1);

/* The nine extended settings Microsoft's provider sends with every governance write, as
 * strings, with the service's defaults for an environment that has none. */
static const struct
{
  const char *key;
  const char *fallback;
} governance_keys[] = {
  { "excludeEnvironmentFromAnalysis", "false" },
  { "isGroupSharingDisabled", "false" },
  { "maxLimitUserSharing", "-1" },
  { "disableAiGeneratedDescriptions", "false" },
  { "includeOnHomepageInsights", "false" },
  { "limitSharingMode", "noLimit" },
  { "solutionCheckerMode", "none" },
  { "suppressValidationEmails", "true" },
  { "solutionCheckerRuleOverrides", "" },
};

typedef struct _Remedy Remedy;

typedef struct
{
  PostureSnapshot         *snapshot;
  PostureControl          *control;         /* the catalog's: the settings it reads */
  PostureControlResult    *result;
  const PostureFixOptions *options;
  const Remedy            *remedy;
  PostureFixPlan          *plan;
  GHashTable              *environments;   /* lower-cased names to restrict to, or NULL */
  char                    *action;         /* the sentence the summary opens with */
  gboolean                 tenant_wide;
} Context;

typedef void (*PlanEnvironmentFunc) (Context                  *ctx,
                                     const PostureEnvironment *env,
                                     PostureResourceResult    *resource);
typedef void (*PlanTenantFunc)      (Context                  *ctx);

struct _Remedy
{
  const char          *id;
  PlanTenantFunc       tenant;        /* one tenant-wide step */
  PlanEnvironmentFunc  environment;   /* one step per failing environment */
  PostureFixInputs     inputs;
  PostureFixInputs     enforce_inputs;
  /* Tenant settings and Dataverse flags: the value the fix writes to each setting the
   * catalog says the control reads (its dotted path, its columns). */
  gboolean             value;
  gboolean             managed_only;
  const char          *action;        /* N_(): what the change does */
  const char          *enforce_action;/* N_(): what the enforcing step does */
  const char          *risk;          /* N_(): nullable */
  const char          *needs;         /* N_(): no API fix: what it needs instead */
};

/* ------------------------------------------------------------------------- */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------- */

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static const char *
environment_name (const PostureEnvironment *env)
{
  return env->display_name != NULL && env->display_name[0] != '\0' ? env->display_name
                                                                     : env->name;
}

static const char *
tenant_name (PostureSnapshot *snapshot)
{
  const char *name = posture_snapshot_get_tenant_name (snapshot);

  return name != NULL && name[0] != '\0' ? name : posture_snapshot_get_tenant_id (snapshot);
}

static gboolean
sku_is (const PostureEnvironment *env,
        const char               *sku)
{
  return env->sku != NULL && g_ascii_strcasecmp (env->sku, sku) == 0;
}

static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

/* The raw BAP environment object of @name in the snapshot's sources. */
static JsonObject *
raw_environment (PostureSnapshot *snapshot,
                 const char      *name)
{
  JsonNode *root = posture_snapshot_get_json (snapshot);
  JsonObject *sources = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                        ? posture_json_get_object (json_node_get_object (root), "sources") : NULL;
  JsonArray *environments = posture_json_get_array (sources, "environments");

  for (guint i = 0; environments != NULL && i < json_array_get_length (environments); i++)
    {
      JsonNode *node = json_array_get_element (environments, i);
      const char *other;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      other = posture_json_get_string (json_node_get_object (node), "name");
      if (other != NULL && g_ascii_strcasecmp (other, name) == 0)
        return json_node_get_object (node);
    }

  return NULL;
}

/* A JSON scalar as the governance API writes it: a string. NULL for anything else. */
static char *
scalar_string (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

typedef enum
{
  FLAG_UNSET,
  FLAG_TRUE,
  FLAG_FALSE,
  FLAG_OTHER,
} Flag;

static Flag
node_flag (JsonNode *node)
{
  g_autofree char *text = scalar_string (node);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FLAG_UNSET;
  if (text != NULL && g_ascii_strcasecmp (text, "true") == 0)
    return FLAG_TRUE;
  if (text != NULL && g_ascii_strcasecmp (text, "false") == 0)
    return FLAG_FALSE;
  return FLAG_OTHER;
}

static JsonNode *
row_member (const PostureEnvironment *env,
            const char               *column)
{
  JsonNode *node = NULL;

  posture_json_get_member_ci (env->dataverse, column, &node);
  return node;
}

/* The column's name as the row spells it (the service's own casing), else @column. */
static const char *
row_column (const PostureEnvironment *env,
            const char               *column)
{
  const char *name = _posture_fix_json_member_name (env->dataverse, column);

  return name != NULL ? name : column;
}

static char *
describe_flag (JsonNode *node)
{
  g_autofree char *text = scalar_string (node);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("not set"));
  return g_strdup (text != NULL ? text : posture_json_node_type_name (node));
}

static void
add_step (Context        *ctx,
          PostureFixStep *step)
{
  _posture_fix_plan_add_step (ctx->plan, step);
}

static PostureFixStep *
skip_step (Context    *ctx,
           const char *id,
           const char *name,
           const char *reason)
{
  g_autoptr(PostureFixStep) step = _posture_fix_step_new (id, name, POSTURE_FIX_ACTION_SKIP,
                                                          reason);

  add_step (ctx, step);
  return step;
}

/* The Dataverse row a PATCH needs: read, with an organization id and an instance URL.
 * Otherwise the environment is skipped and NULL returned. */
static const char *
organization_id (Context                  *ctx,
                 const PostureEnvironment *env)
{
  const char *id;

  if (!env->has_dataverse)
    {
      skip_step (ctx, env->name, environment_name (env),
                 _("Needs Dataverse: this environment has no database"));
      return NULL;
    }

  id = env->dataverse != NULL ? posture_json_get_string (env->dataverse, "organizationid") : NULL;
  if (env->dataverse_state != POSTURE_DATAVERSE_READ || env->instance_url == NULL || id == NULL ||
      id[0] == '\0' || strspn (id, "0123456789abcdefABCDEF-") != strlen (id))
    {
      skip_step (ctx, env->name, environment_name (env),
                 _("The snapshot holds no organization id or instance URL for this "
                   "environment: read the tenant again"));
      return NULL;
    }

  return id;
}

static PostureFixRequest *
dataverse_request (const PostureEnvironment *env,
                   const char               *organization,
                   JsonObject               *changes)
{
  g_autofree char *path = g_strdup_printf (ORGANIZATIONS_PATH, organization);
  g_autoptr(JsonNode) body = object_node (changes);

  return posture_fix_request_new (POSTURE_FIX_KIND_DATAVERSE, "PATCH",
                                  POSTURE_FIX_SERVICE_DATAVERSE, env->instance_url, path,
                                  body, body);
}

static gboolean
can_be_managed (const PostureEnvironment *env)
{
  return env->is_default || sku_is (env, "Production") || sku_is (env, "Sandbox") ||
         sku_is (env, "Default");
}

/* Managed-only features (DESIGN.md; Learn: "available only for Managed Environments").
 * An environment that is not managed is skipped, saying whether it can be. */
static gboolean
check_managed (Context                  *ctx,
               const PostureEnvironment *env,
               PostureFixStep           *step_or_null)
{
  if (!env->managed && can_be_managed (env) && !env->has_dataverse)
    {
      skip_step (ctx, env->name, environment_name (env),
                 _("Not a managed environment, and it cannot become one without Dataverse"));
      return FALSE;
    }
  if (!env->managed && can_be_managed (env))
    {
      skip_step (ctx, env->name, environment_name (env),
                 _("Not a managed environment: make it managed first (managed-environment)"));
      return FALSE;
    }
  if (!env->managed)
    {
      g_autofree char *reason = NULL;

      /* TRANSLATORS: %s is an environment type such as Trial */
      reason = g_strdup_printf (_("Needs a Managed Environment, and a %s environment cannot be "
                                  "managed: only Production, Sandbox and Default ones can"),
                                env->sku != NULL ? env->sku : "?");
      skip_step (ctx, env->name, environment_name (env), reason);
      return FALSE;
    }

  if (step_or_null != NULL)
    _posture_fix_step_add_precondition (step_or_null,
                                        _("Managed environment (protectionLevel is Standard)"));
  return TRUE;
}

static char *
join_or_empty (const char * const *entries)
{
  if (entries == NULL || entries[0] == NULL)
    return g_strdup (_("(empty)"));
  return g_strjoinv (", ", (char **) entries);
}

/* ------------------------------------------------------------------------- */
/* Tenant settings                                                           */
/* ------------------------------------------------------------------------- */

static void
plan_tenant_setting (Context *ctx)
{
  const Remedy *remedy = ctx->remedy;
  const char *path = posture_control_get_setting_key (ctx->control, 0);
  const char *title = posture_control_get_setting_title (ctx->control, 0);
  const char *wanted = remedy->value ? "true" : "false";
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *settings = posture_snapshot_get_tenant_settings (ctx->snapshot);
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *before = NULL;
  JsonObject *root = json_object_new ();
  JsonObject *object = root;
  JsonObject *current = settings;
  JsonNode *node = NULL;
  guint n = g_strv_length (parts);

  /* Only the changed member, nested as its dotted path (Microsoft's admin module and
   * provider send only what they change; the whole object would overwrite settings
   * changed meanwhile). */
  for (guint i = 0; i < n; i++)
    {
      node = NULL;
      if (current != NULL)
        current = posture_json_get_member_ci (current, parts[i], &node);

      if (i + 1 < n)
        {
          JsonObject *child = json_object_new ();

          json_object_set_object_member (object, parts[i], child);
          object = child;
        }
      else
        json_object_set_boolean_member (object, parts[i], remedy->value);
    }
  body = object_node (root);

  before = node != NULL ? describe_flag (node) : g_strdup (_("not set (false)"));
  /* TRANSLATORS: first %s is a setting's title ("Share with Everyone"), second its API
   * field, third true or false */
  reason = g_strdup_printf (_("%s: sets %s to %s"), title, path, wanted);
  step = _posture_fix_step_new (posture_snapshot_get_tenant_id (ctx->snapshot),
                                tenant_name (ctx->snapshot), POSTURE_FIX_ACTION_CHANGE, reason);
  _posture_fix_step_add_precondition (step, _("The tenant settings were read"));
  _posture_fix_step_set_values (step, before, wanted);
  request = posture_fix_request_new (POSTURE_FIX_KIND_TENANT_SETTINGS, "POST",
                                     POSTURE_FIX_SERVICE_BAP, NULL, UPDATE_SETTINGS_PATH,
                                     body, body);
  _posture_fix_step_add_request (step, request);
  add_step (ctx, step);

  /* TRANSLATORS: first %s is a setting's title, second its API field, third true or false */
  ctx->action = g_strdup_printf (_("%s: set %s to %s in the tenant settings"), title, path,
                                 wanted);
}

/* ------------------------------------------------------------------------- */
/* Tenant isolation                                                          */
/* ------------------------------------------------------------------------- */

static void
plan_tenant_isolation (Context *ctx)
{
  const char *tenant = posture_snapshot_get_tenant_id (ctx->snapshot);
  GPtrArray *allowed = posture_snapshot_get_allowed_tenants (ctx->snapshot);
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) listed = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *root = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonArray *tenants = json_array_new ();
  guint n = allowed != NULL ? allowed->len : 0;

  /* Only the enforcement changes: the allow-list is sent back as it is. */
  for (guint i = 0; i < n; i++)
    {
      const PostureAllowedTenant *entry = g_ptr_array_index (allowed, i);
      JsonObject *item = json_object_new ();
      JsonObject *direction = json_object_new ();

      json_object_set_boolean_member (direction, "inbound", entry->inbound);
      json_object_set_boolean_member (direction, "outbound", entry->outbound);
      json_object_set_string_member (item, "tenantId", entry->tenant_id);
      json_object_set_object_member (item, "direction", direction);
      json_array_add_object_element (tenants, item);
      g_strv_builder_add (names, entry->tenant_id);
    }
  json_object_set_string_member (properties, "tenantId", tenant);
  json_object_set_boolean_member (properties, "isDisabled", FALSE);
  json_object_set_array_member (properties, "allowedTenants", tenants);
  json_object_set_object_member (root, "properties", properties);
  body = object_node (root);

  listed = g_strv_builder_end (names);
  list = join_or_empty ((const char * const *) listed);
  if (posture_snapshot_get_isolation_state (ctx->snapshot) == POSTURE_ISOLATION_NOT_CONFIGURED)
    before = g_strdup (_("Never configured"));
  else
    /* TRANSLATORS: %s is a list of tenant ids, or "(empty)" */
    before = g_strdup_printf (_("Off; allowed tenants: %s"), list);
  after = g_strdup_printf (_("On; allowed tenants: %s"), list);

  escaped = escape (tenant);
  path = g_strdup_printf ("/providers/PowerPlatform.Governance/v1/tenants/%s/"
                          "tenantIsolationPolicy?api-version=2020-06-01", escaped);
  step = _posture_fix_step_new (tenant, tenant_name (ctx->snapshot), POSTURE_FIX_ACTION_CHANGE,
                                _("Turns tenant isolation on and keeps the allowed tenants "
                                  "as they are"));
  _posture_fix_step_add_precondition (step, _("The tenant isolation policy was read"));
  _posture_fix_step_set_values (step, before, after);
  request = posture_fix_request_new (POSTURE_FIX_KIND_TENANT_ISOLATION, "PUT",
                                     POSTURE_FIX_SERVICE_BAP, NULL, path, body, body);
  _posture_fix_step_add_request (step, request);
  add_step (ctx, step);

  ctx->action = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Turn on tenant isolation, keeping the %u "
                                              "allowed tenant",
                                              "Turn on tenant isolation, keeping the %u "
                                              "allowed tenants", n), n);
}

/* ------------------------------------------------------------------------- */
/* The DLP baseline                                                          */
/* ------------------------------------------------------------------------- */

const char * const *
posture_remediation_get_baseline_connectors (void)
{
  return baseline_connectors;
}

static JsonObject *
connector_group (const char *classification,
                 gboolean    with_connectors,
                 gboolean    ids_only)
{
  JsonObject *group = json_object_new ();
  JsonArray *connectors = json_array_new ();

  for (guint i = 0; with_connectors && baseline_connectors[i] != NULL; i++)
    {
      JsonObject *connector = json_object_new ();

      json_object_set_string_member (connector, "id", baseline_connectors[i]);
      if (!ids_only)
        {
          /* As Microsoft's provider sends it: the name is the id's last segment. */
          json_object_set_string_member (connector, "name",
                                         strrchr (baseline_connectors[i], '/') + 1);
          json_object_set_string_member (connector, "type", "Microsoft.PowerApps/apis");
        }
      json_array_add_object_element (connectors, connector);
    }

  json_object_set_string_member (group, "classification", classification);
  json_object_set_array_member (group, "connectors", connectors);
  return group;
}

/* The policy: all environments, the allow-list in Business (Confidential), everything
 * else Blocked by default, custom connectors blocked by one "*" rule. With
 * @expected_only, just what a read-back must show. */
static JsonObject *
baseline_policy (const char *name,
                 gboolean    expected_only)
{
  JsonObject *root = json_object_new ();
  JsonObject *definition = json_object_new ();
  JsonArray *groups = json_array_new ();

  if (name != NULL)
    json_object_set_string_member (definition, "name", name);
  json_object_set_string_member (definition, "displayName", POSTURE_FIX_DLP_BASELINE_NAME);
  json_object_set_string_member (definition, "defaultConnectorsClassification", "Blocked");
  json_object_set_string_member (definition, "environmentType", "AllEnvironments");
  json_array_add_object_element (groups, connector_group ("Confidential", TRUE, expected_only));
  if (!expected_only)
    {
      json_object_set_array_member (definition, "environments", json_array_new ());
      json_array_add_object_element (groups, connector_group ("General", FALSE, FALSE));
      json_array_add_object_element (groups, connector_group ("Blocked", FALSE, FALSE));
    }
  json_object_set_array_member (definition, "connectorGroups", groups);
  json_object_set_object_member (root, "policyDefinition", definition);

  if (!expected_only)
    {
      JsonObject *patterns = json_object_new ();
      JsonArray *rules = json_array_new ();
      JsonObject *rule = json_object_new ();

      json_object_set_int_member (rule, "order", 1);
      json_object_set_string_member (rule, "customConnectorRuleClassification", "Blocked");
      json_object_set_string_member (rule, "pattern", "*");
      json_array_add_object_element (rules, rule);
      json_object_set_array_member (patterns, "rules", rules);
      json_object_set_object_member (root, "customConnectorUrlPatternsDefinition", patterns);
    }

  return root;
}

static void
plan_dlp_baseline (Context *ctx)
{
  const char *tenant = posture_snapshot_get_tenant_id (ctx->snapshot);
  const PostureDlpPolicy *existing = NULL;
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autofree char *names = NULL;
  g_autofree char *after = NULL;
  guint n = posture_snapshot_get_n_dlp_policies (ctx->snapshot);

  for (guint i = 0; i < n && existing == NULL; i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (ctx->snapshot, i);

      if (policy->display_name != NULL && policy->name != NULL && policy->name[0] != '\0' &&
          g_ascii_strcasecmp (policy->display_name, POSTURE_FIX_DLP_BASELINE_NAME) == 0)
        existing = policy;
    }

  names = g_strjoinv (", ", (char **) baseline_connector_names);
  /* TRANSLATORS: %s is a list of connector names */
  after = g_strdup_printf (_("Business: %s. Every other connector: Blocked. Custom connectors: "
                             "Blocked."), names);
  expected = object_node (baseline_policy (NULL, TRUE));

  if (existing != NULL)
    {
      g_autofree char *escaped = escape (existing->name);
      g_autofree char *path = g_strconcat (DLP_POLICIES_PATH "/", escaped, NULL);

      body = object_node (baseline_policy (existing->name, FALSE));
      step = _posture_fix_step_new (tenant, tenant_name (ctx->snapshot), POSTURE_FIX_ACTION_CHANGE,
                                    _("Restores the data policy \"Posture baseline\" for all "
                                      "environments"));
      _posture_fix_step_add_precondition (step, _("The data policy \"Posture baseline\" exists "
                                                  "and was changed since Posture made it"));
      request = posture_fix_request_new (POSTURE_FIX_KIND_DLP_UPDATE, "PATCH",
                                         POSTURE_FIX_SERVICE_BAP, NULL, path, body, expected);
      ctx->action = g_strdup (_("Restore the data policy \"Posture baseline\" for all "
                                "environments"));
    }
  else
    {
      body = object_node (baseline_policy (NULL, FALSE));
      step = _posture_fix_step_new (tenant, tenant_name (ctx->snapshot), POSTURE_FIX_ACTION_CHANGE,
                                    _("Creates the data policy \"Posture baseline\" for all "
                                      "environments"));
      _posture_fix_step_add_precondition (step, _("No data policy named \"Posture baseline\" "
                                                  "exists yet"));
      request = posture_fix_request_new (POSTURE_FIX_KIND_DLP_CREATE, "POST",
                                         POSTURE_FIX_SERVICE_BAP, NULL, DLP_POLICIES_PATH,
                                         body, expected);
      ctx->action = g_strdup (_("Create the data policy \"Posture baseline\" for all "
                                "environments"));
    }

  _posture_fix_step_set_values (step, NULL, after);
  _posture_fix_step_add_request (step, request);
  add_step (ctx, step);
}

/* ------------------------------------------------------------------------- */
/* Managed environments and sharing limits                                   */
/* ------------------------------------------------------------------------- */

/* The governance body: protectionLevel Standard and the nine extended settings as
 * strings, an already-managed environment's current values kept, @overrides applied. */
static JsonObject *
governance_body (Context                  *ctx,
                 const PostureEnvironment *env,
                 JsonObject               *overrides)
{
  JsonObject *raw = raw_environment (ctx->snapshot, env->name);
  JsonObject *current = env->managed
                        ? posture_json_get_path_object (raw, "properties.governanceConfiguration."
                                                             "settings.extendedSettings")
                        : NULL;
  JsonObject *root = json_object_new ();
  JsonObject *settings = json_object_new ();
  JsonObject *extended = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (governance_keys); i++)
    {
      const char *key = governance_keys[i].key;
      g_autofree char *value = NULL;
      JsonNode *node = NULL;

      if (overrides != NULL && json_object_has_member (overrides, key))
        value = g_strdup (json_object_get_string_member (overrides, key));
      else
        {
          posture_json_get_member_ci (current, key, &node);
          value = scalar_string (node);
        }
      json_object_set_string_member (extended, key,
                                     value != NULL ? value : governance_keys[i].fallback);
    }

  json_object_set_string_member (root, "protectionLevel", "Standard");
  json_object_set_object_member (settings, "extendedSettings", extended);
  json_object_set_object_member (root, "settings", settings);
  return root;
}

static PostureFixRequest *
governance_request (const PostureEnvironment *env,
                    JsonObject               *body_object,
                    JsonObject               *expected_governance)
{
  g_autofree char *escaped = escape (env->name);
  g_autofree char *path = g_strdup_printf ("/providers/Microsoft.BusinessAppPlatform/"
                                           "environments/%s/governanceConfiguration"
                                           "?api-version=2021-04-01", escaped);
  g_autoptr(JsonNode) body = object_node (body_object);
  JsonObject *expected_root = json_object_new ();
  JsonObject *properties = json_object_new ();
  g_autoptr(JsonNode) expected = NULL;

  /* The read-back is the environment object. */
  json_object_set_object_member (properties, "governanceConfiguration", expected_governance);
  json_object_set_object_member (expected_root, "properties", properties);
  expected = object_node (expected_root);

  return posture_fix_request_new (POSTURE_FIX_KIND_GOVERNANCE, "POST", POSTURE_FIX_SERVICE_BAP,
                                  NULL, path, body, expected);
}

/* An environment in an environment group is governed by the group's rules: the service
 * refuses governance writes there (409 with no body; Microsoft's provider's
 * Validate_Create_In_Environment_Group), so the plan skips it and says where to act. */
static gboolean
check_environment_group (Context                  *ctx,
                         const PostureEnvironment *env)
{
  JsonObject *raw = raw_environment (ctx->snapshot, env->name);
  const char *group = posture_json_get_path_string (raw, "properties.parentEnvironmentGroup.id");
  g_autofree char *reason = NULL;

  if (group == NULL || group[0] == '\0')
    return TRUE;

  /* TRANSLATORS: %s is an environment group id */
  reason = g_strdup_printf (_("Governed by the environment group %s: its rules set this, so "
                              "change them in the group (admin center, Environment groups)"),
                            group);
  skip_step (ctx, env->name, environment_name (env), reason);
  return FALSE;
}

static void
plan_managed_environment (Context                  *ctx,
                          const PostureEnvironment *env,
                          PostureResourceResult    *resource)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autofree char *type = NULL;
  JsonObject *expected;

  if (!can_be_managed (env))
    {
      g_autofree char *reason = NULL;

      /* TRANSLATORS: %s is an environment type such as Trial */
      reason = g_strdup_printf (_("A %s environment cannot be managed: only Production, Sandbox "
                                  "and Default ones can"), env->sku != NULL ? env->sku : "?");
      skip_step (ctx, env->name, environment_name (env), reason);
      return;
    }

  if (!env->has_dataverse)
    {
      skip_step (ctx, env->name, environment_name (env),
                 _("Needs Dataverse: Managed Environments need a Dataverse database"));
      return;
    }
  if (!check_environment_group (ctx, env))
    return;

  step = _posture_fix_step_new (env->name, environment_name (env), POSTURE_FIX_ACTION_CHANGE,
                                _("Makes the environment managed (protectionLevel Standard) with "
                                  "the service's default settings"));
  /* TRANSLATORS: %s is an environment type such as Production */
  type = g_strdup_printf (_("Environment type is %s"),
                          env->sku != NULL ? env->sku : (env->is_default ? "Default" : "?"));
  _posture_fix_step_add_precondition (step, type);
  _posture_fix_step_add_precondition (step, _("Has Dataverse"));
  _posture_fix_step_add_precondition (step, _("Not in an environment group"));
  _posture_fix_step_set_values (step, env->protection_level != NULL ? env->protection_level
                                                                    : _("not set"),
                                "Standard");

  expected = json_object_new ();
  json_object_set_string_member (expected, "protectionLevel", "Standard");
  request = governance_request (env, governance_body (ctx, env, NULL), expected);
  _posture_fix_step_add_request (step, request);
  add_step (ctx, step);
}

static void
plan_sharing_limits (Context                  *ctx,
                     const PostureEnvironment *env,
                     PostureResourceResult    *resource)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(JsonObject) overrides = json_object_new ();
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, ctx->options->sharing_limit);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *expected;
  JsonObject *settings;
  JsonObject *extended;

  if (!check_managed (ctx, env, NULL) || !check_environment_group (ctx, env))
    return;

  /* TRANSLATORS: %s is the number of people */
  after = g_strdup_printf (_("Not with security groups or everyone; at most %s people"), limit);
  before = g_strdup_printf ("limitSharingMode %s, maxLimitUserSharing %" G_GINT64_FORMAT,
                            env->limit_sharing_mode != NULL ? env->limit_sharing_mode : "noLimit",
                            env->max_limit_user_sharing);
  step = _posture_fix_step_new (env->name, environment_name (env), POSTURE_FIX_ACTION_CHANGE,
                                _("Limits canvas app sharing, keeping the environment's other "
                                  "managed settings"));
  check_managed (ctx, env, step);
  _posture_fix_step_add_precondition (step, _("Not in an environment group"));
  _posture_fix_step_set_values (step, before, after);

  json_object_set_string_member (overrides, "limitSharingMode", "excludeSharingToSecurityGroups");
  json_object_set_string_member (overrides, "isGroupSharingDisabled", "true");
  json_object_set_string_member (overrides, "maxLimitUserSharing", limit);

  extended = json_object_new ();
  json_object_set_string_member (extended, "limitSharingMode", "excludeSharingToSecurityGroups");
  json_object_set_string_member (extended, "maxLimitUserSharing", limit);
  settings = json_object_new ();
  json_object_set_object_member (settings, "extendedSettings", extended);
  expected = json_object_new ();
  json_object_set_string_member (expected, "protectionLevel", "Standard");
  json_object_set_object_member (expected, "settings", settings);

  request = governance_request (env, governance_body (ctx, env, overrides), expected);
  _posture_fix_step_add_request (step, request);
  add_step (ctx, step);
}

/* ------------------------------------------------------------------------- */
/* Dataverse organization settings                                           */
/* ------------------------------------------------------------------------- */

static void
plan_dataverse_flags (Context                  *ctx,
                      const PostureEnvironment *env,
                      PostureResourceResult    *resource)
{
  const Remedy *remedy = ctx->remedy;
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  JsonObject *changes;
  const char *organization;

  if (remedy->managed_only && !env->managed)
    {
      check_managed (ctx, env, NULL);
      return;
    }
  if ((organization = organization_id (ctx, env)) == NULL)
    return;

  /* Only the columns that change: each column the catalog says the control reads. */
  changes = json_object_new ();
  for (guint i = 0; i < posture_control_get_n_settings (ctx->control); i++)
    {
      const char *column = posture_control_get_setting_key (ctx->control, i);
      const char *title = posture_control_get_setting_title (ctx->control, i);
      JsonNode *node = row_member (env, column);
      g_autofree char *value = describe_flag (node);

      if (before->len > 0)
        {
          g_string_append (before, "; ");
          g_string_append (after, "; ");
        }
      /* TRANSLATORS: a setting's title, its Dataverse column, and its value */
      g_string_append_printf (before, _("%s (%s): %s"), title, column, value);
      g_string_append_printf (after, _("%s (%s): %s"), title, column,
                              remedy->value ? "true" : "false");

      if (node_flag (node) != (remedy->value ? FLAG_TRUE : FLAG_FALSE))
        json_object_set_boolean_member (changes, row_column (env, column), remedy->value);
    }

  step = _posture_fix_step_new (env->name, environment_name (env), POSTURE_FIX_ACTION_CHANGE,
                                _(remedy->action));
  if (remedy->managed_only)
    check_managed (ctx, env, step);
  _posture_fix_step_add_precondition (step, _("Has Dataverse, and its settings were read"));
  _posture_fix_step_set_values (step, before->str, after->str);
  request = dataverse_request (env, organization, changes);
  _posture_fix_step_add_request (step, request);
  add_step (ctx, step);
}

/* ------------------------------------------------------------------------- */
/* IP firewall                                                               */
/* ------------------------------------------------------------------------- */

static GStrv
firewall_list (const PostureEnvironment *env,
               const char               *column)
{
  g_autofree char *text = scalar_string (row_member (env, column));

  return posture_text_split_list (text);
}

/* NULL when @entry is a valid allow-list entry; else why not (translated). The rule is
 * posture-ip-range's, the one the ip-firewall control judges with. */
static char *
ip_range_problem (const char *entry)
{
  char *problem = NULL;

  if (posture_ip_range_check (entry, &problem) == POSTURE_IP_RANGE_VALID)
    g_clear_pointer (&problem, g_free);
  return problem;
}

/* NULL when the list is real; else why not (translated). */
static char *
firewall_list_problem (const char * const *entries)
{
  if (entries == NULL || entries[0] == NULL)
    return g_strdup (_("the allow-list is empty"));

  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *problem = ip_range_problem (entries[i]);

      if (problem != NULL)
        return problem;
    }

  return NULL;
}

static char *
firewall_state (Flag enabled,
                Flag audit)
{
  if (enabled != FLAG_TRUE)
    return g_strdup (_("Off"));
  return g_strdup (audit == FLAG_TRUE ? _("Audit mode") : _("Enforced"));
}

static void
plan_ip_firewall (Context                  *ctx,
                  const PostureEnvironment *env,
                  PostureResourceResult    *resource)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  g_autoptr(GStrvBuilder) union_builder = g_strv_builder_new ();
  g_auto(GStrv) current = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *state = NULL;
  g_autofree char *list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *changes;
  const char *organization;
  Flag enabled;
  Flag audit;

  if (!check_managed (ctx, env, NULL))
    return;
  if ((organization = organization_id (ctx, env)) == NULL)
    return;

  /* The allow-list is both list columns together (DESIGN.md); the admin's ranges go to
   * allowediprangeforfirewall, which every organization has and Microsoft's provider
   * writes. */
  first = firewall_list (env, "allowediprangeforfirewall");
  second = firewall_list (env, "allowedlistofiprangesforfirewall");
  g_strv_builder_addv (union_builder, (const char **) first);
  g_strv_builder_addv (union_builder, (const char **) second);
  current = g_strv_builder_end (union_builder);
  enabled = node_flag (row_member (env, "enableipbasedfirewallrule"));
  audit = node_flag (row_member (env, "enableipbasedfirewallruleinauditmode"));
  state = firewall_state (enabled, audit);
  list = join_or_empty ((const char * const *) current);
  /* TRANSLATORS: first %s is Off, Audit mode or Enforced; second the allow-list */
  before = g_strdup_printf (_("%s; allow-list: %s"), state, list);

  if (ctx->options->enforce)
    {
      if (enabled != FLAG_TRUE)
        {
          skip_step (ctx, env->name, environment_name (env),
                     _("The firewall is off: turn it on in audit mode first (without "
                       "--enforce)"));
          return;
        }
      if ((problem = firewall_list_problem ((const char * const *) current)) != NULL)
        {
          g_autofree char *reason = NULL;

          /* TRANSLATORS: %s says what is wrong with the allow-list */
          reason = g_strdup_printf (_("The allow-list is not real (%s): set a real one in audit "
                                      "mode first (without --enforce)"), problem);
          skip_step (ctx, env->name, environment_name (env), reason);
          return;
        }
      if (audit != FLAG_TRUE)
        {
          skip_step (ctx, env->name, environment_name (env),
                     _("Audit mode is not on: run the firewall in audit mode first"));
          return;
        }

      step = _posture_fix_step_new (env->name, environment_name (env), POSTURE_FIX_ACTION_CHANGE,
                                    _("Enforces the IP firewall with the allow-list already "
                                      "there (audit mode off)"));
      check_managed (ctx, env, step);
      _posture_fix_step_add_precondition (step, _("Audit mode is on"));
      {
        g_autofree char *real = NULL;

        /* TRANSLATORS: %s is the allow-list */
        real = g_strdup_printf (_("The allow-list is real: %s"), list);
        _posture_fix_step_add_precondition (step, real);
      }
      after = g_strdup_printf (_("%s; allow-list: %s"), _("Enforced"), list);
      changes = json_object_new ();
      json_object_set_boolean_member (changes,
                                      row_column (env, "enableipbasedfirewallruleinauditmode"),
                                      FALSE);
    }
  else
    {
      g_autofree char *wanted = g_strjoinv (",", (char **) ctx->options->ip_ranges);
      g_autofree char *have = g_strjoinv (",", first);
      g_autofree char *after_text = NULL;

      changes = json_object_new ();
      if (enabled != FLAG_TRUE)
        json_object_set_boolean_member (changes, row_column (env, "enableipbasedfirewallrule"),
                                        TRUE);
      if (audit != FLAG_TRUE)
        json_object_set_boolean_member (changes,
                                        row_column (env, "enableipbasedfirewallruleinauditmode"),
                                        TRUE);
      if (!g_str_equal (wanted, have))
        json_object_set_string_member (changes, row_column (env, "allowediprangeforfirewall"),
                                       wanted);
      /* The admin's list replaces the whole allow-list, which is both columns together:
       * the second one is emptied. */
      if (second[0] != NULL)
        json_object_set_string_member (changes,
                                       row_column (env, "allowedlistofiprangesforfirewall"), "");

      if (json_object_get_size (changes) == 0)
        {
          json_object_unref (changes);
          skip_step (ctx, env->name, environment_name (env),
                     _("Already in audit mode with this allow-list: after a week of audit, "
                       "enforce it (--enforce)"));
          return;
        }

      after_text = join_or_empty (ctx->options->ip_ranges);
      after = g_strdup_printf (_("%s; allow-list: %s"), _("Audit mode"), after_text);

      step = _posture_fix_step_new (env->name, environment_name (env), POSTURE_FIX_ACTION_CHANGE,
                                    enabled != FLAG_TRUE
                                    ? _("Turns the IP firewall on in audit mode with the "
                                        "allow-list given: it records what it would block, and "
                                        "blocks nothing")
                                    : audit == FLAG_TRUE
                                    ? _("Replaces the allow-list; the firewall stays in audit "
                                        "mode")
                                    : _("Puts the firewall back in audit mode with the new "
                                        "allow-list: the current one is not real"));
      check_managed (ctx, env, step);
    }

  _posture_fix_step_add_precondition (step, _("Has Dataverse, and its settings were read"));
  _posture_fix_step_set_values (step, before, after);
  request = dataverse_request (env, organization, changes);
  _posture_fix_step_add_request (step, request);
  add_step (ctx, step);
}

/* ------------------------------------------------------------------------- */
/* App access control                                                        */
/* ------------------------------------------------------------------------- */

static gint64
row_int (const PostureEnvironment *env,
         const char               *column,
         gint64                    fallback)
{
  g_autofree char *text = scalar_string (row_member (env, column));
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &value, NULL))
    return fallback;
  return value;
}

static void
plan_app_access_control (Context                  *ctx,
                         const PostureEnvironment *env,
                         PostureResourceResult    *resource)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_auto(GStrv) allowed = NULL;
  g_auto(GStrv) blocked = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *allowed_text = NULL;
  JsonObject *changes;
  const char *organization;
  gint64 mode;

  if (!check_managed (ctx, env, NULL))
    return;
  if ((organization = organization_id (ctx, env)) == NULL)
    return;

  {
    g_autofree char *a = scalar_string (row_member (env, "allowedapplicationsfordvaccess"));
    g_autofree char *b = scalar_string (row_member (env, "blockedapplicationsfordvaccess"));

    allowed = posture_text_split_list (a);
    blocked = posture_text_split_list (b);
  }
  mode = row_int (env, "applicationbasedaccesscontrolmode", 0);
  allowed_text = join_or_empty ((const char * const *) allowed);
  /* TRANSLATORS: %lld is the mode number, %s the allowed application ids */
  before = g_strdup_printf (_("Mode %lld; allowed apps: %s"), (long long) mode, allowed_text);

  changes = json_object_new ();
  if (ctx->options->enforce)
    {
      if (mode != 2 || (allowed[0] == NULL && blocked[0] == NULL))
        {
          json_object_unref (changes);
          skip_step (ctx, env->name, environment_name (env),
                     _("App access control is not in audit mode with a list of apps: start it "
                       "in audit mode first (without --enforce)"));
          return;
        }
      json_object_set_int_member (changes, row_column (env, "applicationbasedaccesscontrolmode"),
                                  1);
      after = g_strdup_printf (_("Mode %lld; allowed apps: %s"), 1LL, allowed_text);
      step = _posture_fix_step_new (env->name, environment_name (env), POSTURE_FIX_ACTION_CHANGE,
                                    _("Enforces app access control with the apps already listed"));
      _posture_fix_step_add_precondition (step, _("Audit mode (2) is on with a list of apps"));
    }
  else
    {
      g_autofree char *wanted = g_strjoinv (",", (char **) ctx->options->app_ids);
      g_autofree char *have = g_strjoinv (",", allowed);
      g_autofree char *shown = g_strjoinv (", ", (char **) ctx->options->app_ids);

      if (mode != 2)
        json_object_set_int_member (changes, row_column (env, "applicationbasedaccesscontrolmode"),
                                    2);
      if (!g_str_equal (wanted, have))
        json_object_set_string_member (changes, row_column (env, "allowedapplicationsfordvaccess"),
                                       wanted);
      if (json_object_get_size (changes) == 0)
        {
          json_object_unref (changes);
          skip_step (ctx, env->name, environment_name (env),
                     _("Already in audit mode with these apps: enforce it when the audit shows "
                       "nothing unexpected (--enforce)"));
          return;
        }
      after = g_strdup_printf (_("Mode %lld; allowed apps: %s"), 2LL, shown);
      step = _posture_fix_step_new (env->name, environment_name (env), POSTURE_FIX_ACTION_CHANGE,
                                    _("Starts app access control in audit mode (2) with the "
                                      "allowed apps given: it blocks nothing yet"));
    }

  check_managed (ctx, env, step);
  _posture_fix_step_add_precondition (step, _("Has Dataverse, and its settings were read"));
  _posture_fix_step_set_values (step, before, after);
  request = dataverse_request (env, organization, changes);
  _posture_fix_step_add_request (step, request);
  add_step (ctx, step);
}

/* ------------------------------------------------------------------------- */
/* The table                                                                 */
/* ------------------------------------------------------------------------- */

#define ENV_INPUTS POSTURE_FIX_INPUT_ENVIRONMENTS
#define DLP_RISK \
  N_("Every connector that is not on the baseline's list is blocked in every environment: apps " \
     "and flows that use one stop working until an admin classifies it.")
#define CREATION_RISK \
  N_("Makers who create environments today will need an administrator to do it.")

static const Remedy remedies[] = {
  { .id = "tenant-isolation", .tenant = plan_tenant_isolation,
    .risk = N_("Connections to and from tenants that are not on the allow-list stop working: "
               "review the allow-list (tenant-isolation-allowlist) before you turn isolation "
               "on.") },
  { .id = "dlp-tenant-policy", .tenant = plan_dlp_baseline, .risk = DLP_RISK },
  { .id = "dlp-default-environment", .tenant = plan_dlp_baseline, .risk = DLP_RISK },
  { .id = "dlp-environment-coverage", .tenant = plan_dlp_baseline, .risk = DLP_RISK },
  { .id = "dlp-default-environment-connectors", .tenant = plan_dlp_baseline, .risk = DLP_RISK },
  { .id = "env-creation-admins-only", .tenant = plan_tenant_setting, .value = TRUE,
    .risk = CREATION_RISK },
  { .id = "trial-env-creation-admins-only", .tenant = plan_tenant_setting, .value = TRUE,
    .risk = CREATION_RISK },
  { .id = "developer-env-creation-admins-only", .tenant = plan_tenant_setting,
    .value = TRUE, .risk = CREATION_RISK },
  { .id = "pages-creation-admins-only", .tenant = plan_tenant_setting, .value = TRUE,
    .risk = N_("Makers who create Power Pages sites today will need an administrator to do "
               "it.") },
  { .id = "share-with-everyone-disabled", .tenant = plan_tenant_setting, .value = TRUE,
    .risk = N_("Makers can no longer share apps with everyone in the organization.") },
  { .id = "connection-sharing-disabled", .tenant = plan_tenant_setting, .value = TRUE,
    .risk = N_("Makers can no longer share connections with everyone in the organization.") },
  { .id = "guest-makers-disabled", .tenant = plan_tenant_setting, .value = FALSE,
    .risk = N_("Guests who make apps today can no longer do so.") },
  { .id = "default-environment-routing", .tenant = plan_tenant_setting, .value = TRUE,
    .risk = N_("New makers are sent to their own developer environment instead of the default "
               "one.") },
  { .id = "managed-environment", .environment = plan_managed_environment, .inputs = ENV_INPUTS,
    .action = N_("Make the environment managed"),
    .risk = N_("People who use apps in a Managed Environment need premium licences.") },
  { .id = "sharing-limits", .environment = plan_sharing_limits,
    .inputs = ENV_INPUTS | POSTURE_FIX_INPUT_SHARING_LIMIT, .managed_only = TRUE,
    .action = N_("Limit canvas app sharing"),
    .risk = N_("Apps already shared more widely stay shared; the limit applies to new "
               "shares.") },
  { .id = "ip-firewall", .environment = plan_ip_firewall,
    .inputs = ENV_INPUTS | POSTURE_FIX_INPUT_IP_RANGES | POSTURE_FIX_INPUT_ENFORCE,
    .enforce_inputs = ENV_INPUTS | POSTURE_FIX_INPUT_ENFORCE, .managed_only = TRUE,
    .action = N_("Turn on the IP firewall in audit mode"),
    .enforce_action = N_("Enforce the IP firewall") },
  { .id = "ip-cookie-binding", .environment = plan_dataverse_flags, .inputs = ENV_INPUTS,
    .managed_only = TRUE, .value = TRUE,
    .action = N_("Turn on IP address-based cookie binding"),
    .risk = N_("People whose IP address changes during a session (VPN, mobile networks) must "
               "sign in again.") },
  { .id = "auditing", .environment = plan_dataverse_flags, .inputs = ENV_INPUTS,
    .value = TRUE, .action = N_("Turn on auditing"),
    .risk = N_("Audit logs use the environment's log capacity.") },
  { .id = "content-security-policy", .environment = plan_dataverse_flags, .inputs = ENV_INPUTS,
    .value = TRUE,
    .action = N_("Turn on the content security policy for model-driven and canvas apps"),
    .risk = N_("A content security policy may break embedded content: pages that frame these "
               "apps, or that they frame, need to be on the policy's list.") },
  { .id = "guest-access-restricted", .environment = plan_dataverse_flags, .inputs = ENV_INPUTS,
    .value = TRUE, .action = N_("Restrict guest access"),
    .risk = N_("Guests lose access to the environment's data unless an admin gives it to "
               "them.") },
  { .id = "app-access-control", .environment = plan_app_access_control,
    .inputs = ENV_INPUTS | POSTURE_FIX_INPUT_APP_IDS | POSTURE_FIX_INPUT_ENFORCE,
    .enforce_inputs = ENV_INPUTS | POSTURE_FIX_INPUT_ENFORCE, .managed_only = TRUE,
    .action = N_("Start app access control in audit mode"),
    .enforce_action = N_("Enforce app access control") },
  { .id = "environment-security-group",
    .needs = N_("a Microsoft Entra security group, chosen by an admin, in each environment's "
                "settings") },
  { .id = "customer-managed-key",
    .needs = N_("a key in Azure Key Vault and an enterprise policy in Azure, linked to the "
                "environment") },
  { .id = "virtual-network",
    .needs = N_("delegated Azure virtual network subnets and an enterprise policy in Azure, "
                "linked to the environment") },
  { .id = "admin-privileges",
    .needs = N_("a person's judgement of who needs the System Administrator role") },
  { .id = "conditional-access-mfa",
    .needs = N_("a Conditional Access policy in Microsoft Entra ID") },
  { .id = "global-admin-count",
    .needs = N_("a person's judgement of who needs the Global Administrator role") },
};

static const Remedy *
lookup_remedy (const char *control_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (remedies); i++)
    if (g_str_equal (remedies[i].id, control_id))
      return &remedies[i];

  return NULL;
}

gboolean
posture_remediation_has_api_fix (const char *control_id)
{
  const Remedy *remedy;

  g_return_val_if_fail (control_id != NULL, FALSE);

  remedy = lookup_remedy (control_id);
  return remedy != NULL && (remedy->tenant != NULL || remedy->environment != NULL);
}

PostureFixInputs
posture_remediation_get_inputs (const char *control_id,
                                gboolean    enforce)
{
  const Remedy *remedy;

  g_return_val_if_fail (control_id != NULL, POSTURE_FIX_INPUT_NONE);

  remedy = lookup_remedy (control_id);
  if (remedy == NULL)
    return POSTURE_FIX_INPUT_NONE;
  if (enforce && (remedy->inputs & POSTURE_FIX_INPUT_ENFORCE) != 0)
    return remedy->enforce_inputs;
  return remedy->inputs;
}

/* ------------------------------------------------------------------------- */
/* Options                                                                   */
/* ------------------------------------------------------------------------- */

static gboolean
strv_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

static gboolean
validate_options (const Remedy             *remedy,
                  PostureSnapshot          *snapshot,
                  const PostureFixOptions  *options,
                  GError                  **error)
{
  PostureFixInputs inputs = remedy->inputs;

  if (options->enforce && (inputs & POSTURE_FIX_INPUT_ENFORCE) == 0)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                   "%s has no enforcing step: leave out --enforce (only ip-firewall and "
                   "app-access-control take it)", remedy->id);
      return FALSE;
    }
  if (options->enforce)
    inputs = remedy->enforce_inputs;

  if (!strv_empty (options->environments) && (inputs & POSTURE_FIX_INPUT_ENVIRONMENTS) == 0)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                   "The fix for %s is tenant-wide: leave out --environment", remedy->id);
      return FALSE;
    }
  for (guint i = 0; options->environments != NULL && options->environments[i] != NULL; i++)
    if (posture_snapshot_lookup_environment (snapshot, options->environments[i]) == NULL)
      {
        g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                     "There is no environment named \"%.200s\" in this tenant: pass an "
                     "environment's name (its id, as `posture-cli assess --format json` lists "
                     "it) to --environment", options->environments[i]);
        return FALSE;
      }

  if ((inputs & POSTURE_FIX_INPUT_IP_RANGES) != 0)
    {
      if (strv_empty (options->ip_ranges))
        {
          g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_MISSING_OPTION,
                       "The IP firewall needs the allow-list it will audit: pass --ip-range CIDR "
                       "once for each range you and your services connect from (such as "
                       "--ip-range 203.0.113.0/24)");
          return FALSE;
        }
      for (guint i = 0; options->ip_ranges[i] != NULL; i++)
        {
          g_autofree char *problem = ip_range_problem (options->ip_ranges[i]);

          if (problem != NULL)
            {
              g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                           "--ip-range: %s. Pass the ranges you and your services really "
                           "connect from, such as 203.0.113.0/24 or 2001:db8::/48", problem);
              return FALSE;
            }
        }
    }
  else if (!strv_empty (options->ip_ranges))
    {
      if (options->enforce && (remedy->inputs & POSTURE_FIX_INPUT_IP_RANGES) != 0)
        g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                     "--enforce uses the allow-list already there: leave out --ip-range (to "
                     "change the list, run without --enforce; it goes back to audit mode)");
      else
        g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                     "%s takes no --ip-range (only ip-firewall does)", remedy->id);
      return FALSE;
    }

  if ((inputs & POSTURE_FIX_INPUT_APP_IDS) != 0)
    {
      if (strv_empty (options->app_ids))
        {
          g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_MISSING_OPTION,
                       "App access control needs the applications allowed to reach Dataverse: "
                       "pass --app-id with each one's application (client) id");
          return FALSE;
        }
      for (guint i = 0; options->app_ids[i] != NULL; i++)
        if (!g_uuid_string_is_valid (options->app_ids[i]))
          {
            g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                         "--app-id \"%.64s\" is not an application id: pass the application "
                         "(client) id, a GUID such as 00000000-0000-0000-0000-000000000000",
                         options->app_ids[i]);
            return FALSE;
          }
    }
  else if (!strv_empty (options->app_ids))
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                   "%s takes no --app-id (only app-access-control does, without --enforce)",
                   remedy->id);
      return FALSE;
    }

  if ((inputs & POSTURE_FIX_INPUT_SHARING_LIMIT) != 0 &&
      (options->sharing_limit < 1 || options->sharing_limit > POSTURE_FIX_MAX_SHARING_LIMIT))
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                   "--sharing-limit %" G_GINT64_FORMAT " is out of range: pass the most people "
                   "an app may be shared with, from 1 to %u (default %u)",
                   options->sharing_limit, POSTURE_FIX_MAX_SHARING_LIMIT,
                   POSTURE_FIX_DEFAULT_SHARING_LIMIT);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Planning                                                                  */
/* ------------------------------------------------------------------------- */

static char *
unknown_reason (PostureResourceResult *resource)
{
  const char *reason = posture_resource_result_get_reason (resource);

  /* TRANSLATORS: %s is why the engine could not judge the resource */
  return g_strdup_printf (_("Its settings could not be judged (%s): read the tenant again"),
                          reason != NULL ? reason : "?");
}

static void
set_summary (Context *ctx)
{
  guint changes = posture_fix_plan_get_n_changes (ctx->plan);
  guint skipped = posture_fix_plan_get_n_skipped (ctx->plan);
  const char *action = ctx->action;
  g_autoptr(GString) text = NULL;

  if (action == NULL)
    action = ctx->options->enforce && ctx->remedy->enforce_action != NULL
             ? _(ctx->remedy->enforce_action) : _(ctx->remedy->action);

  text = g_string_new (NULL);

  if (changes == 0 && skipped == 0)
    g_string_append (text, _("Nothing to change: the control passes everywhere Posture can "
                             "judge it."));
  else if (changes == 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Nothing can be changed: %u resource is skipped.",
                                               "Nothing can be changed: %u resources are "
                                               "skipped.", skipped), skipped);
  else if (ctx->tenant_wide)
    g_string_append_printf (text, "%s.", action);
  else
    {
      /* TRANSLATORS: %s is an action such as "Turn on auditing" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %u environment changes",
                                                 "%s: %u environments change", changes),
                              action, changes);
      if (skipped > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u is skipped",
                                                   ", %u are skipped", skipped), skipped);
      g_string_append_c (text, '.');
    }

  _posture_fix_plan_set_summary (ctx->plan, text->str);
}

static void
plan_resources (Context *ctx)
{
  guint n = posture_control_result_get_n_resources (ctx->result);
  gboolean any_fail = FALSE;
  PostureResourceResult *unknown = NULL;

  for (guint i = 0; i < n; i++)
    {
      PostureResourceResult *resource = posture_control_result_get_resource (ctx->result, i);
      PostureResult status = posture_resource_result_get_status (resource);
      const char *id = posture_resource_result_get_id (resource);
      const PostureEnvironment *env;

      if (status == POSTURE_RESULT_PASS)
        continue;
      if (ctx->environments != NULL && id != NULL)
        {
          g_autofree char *key = g_utf8_strdown (id, -1);

          if (!g_hash_table_contains (ctx->environments, key))
            continue;
        }

      if (ctx->tenant_wide)
        {
          if (status == POSTURE_RESULT_FAIL)
            any_fail = TRUE;
          else if (unknown == NULL)
            unknown = resource;
          continue;
        }

      env = id != NULL ? posture_snapshot_lookup_environment (ctx->snapshot, id) : NULL;
      if (status == POSTURE_RESULT_UNKNOWN || env == NULL)
        {
          g_autofree char *reason = unknown_reason (resource);

          skip_step (ctx, id, posture_resource_result_get_name (resource), reason);
          continue;
        }

      ctx->remedy->environment (ctx, env, resource);
    }

  if (ctx->tenant_wide && any_fail)
    ctx->remedy->tenant (ctx);
  else if (ctx->tenant_wide && unknown != NULL)
    {
      g_autofree char *reason = unknown_reason (unknown);

      skip_step (ctx, posture_snapshot_get_tenant_id (ctx->snapshot), tenant_name (ctx->snapshot),
                 reason);
    }
}

/**
 * posture_remediation_plan:
 * @snapshot: what the engine assessed
 * @assessment: the engine's assessment of @snapshot
 * @control_id: the control to fix
 * @options: (nullable): the admin's inputs; NULL is POSTURE_FIX_OPTIONS_INIT
 *
 * Returns: (transfer full): the plan, or NULL with @error set
 */
PostureFixPlan *
posture_remediation_plan (PostureSnapshot          *snapshot,
                          PostureAssessment        *assessment,
                          const char               *control_id,
                          const PostureFixOptions  *options,
                          GError                  **error)
{
  static const PostureFixOptions defaults = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(GHashTable) environments = NULL;
  g_autoptr(PostureFixPlan) plan = NULL;
  PostureControlResult *result;
  const Remedy *remedy;
  Context ctx = { 0 };

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (assessment), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  if (posture_catalog_lookup (posture_catalog_get_default (), control_id) == NULL)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_UNKNOWN_CONTROL,
                   "There is no control \"%.100s\": `posture-cli controls` lists them",
                   control_id);
      return NULL;
    }

  remedy = lookup_remedy (control_id);
  if (remedy == NULL || (remedy->tenant == NULL && remedy->environment == NULL))
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NO_API_FIX,
                   "%s has no fix through the API: it needs %s. Follow the control's "
                   "remediation steps, then record a decision or assess again",
                   control_id, remedy != NULL && remedy->needs != NULL
                               ? remedy->needs : "an administrator's attestation");
      return NULL;
    }

  /* Plans keep what they do not change (an environment's other managed settings), which
   * only the raw document holds. */
  if (posture_snapshot_get_json (snapshot) == NULL)
    {
      g_set_error_literal (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NEEDS_DOCUMENT,
                           "A fix is planned from a snapshot with its document: read the "
                           "tenant again, or load the snapshot from its JSON file");
      return NULL;
    }

  if (!validate_options (remedy, snapshot, options, error))
    return NULL;

  result = posture_assessment_lookup (assessment, control_id);
  if (result == NULL)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NOT_ASSESSED,
                   "The assessment leaves out %s (it follows another profile or control list): "
                   "assess with the control included", control_id);
      return NULL;
    }

  if (!strv_empty (options->environments))
    {
      environments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; options->environments[i] != NULL; i++)
        g_hash_table_add (environments, g_utf8_strdown (options->environments[i], -1));
    }

  plan = _posture_fix_plan_new (control_id);
  ctx.snapshot = snapshot;
  ctx.control = posture_control_result_get_control (result);
  ctx.result = result;
  ctx.options = options;
  ctx.remedy = remedy;
  ctx.plan = plan;
  ctx.environments = environments;
  ctx.tenant_wide = remedy->tenant != NULL;

  plan_resources (&ctx);

  if (posture_fix_plan_get_n_changes (plan) > 0)
    {
      if (remedy->risk != NULL)
        _posture_fix_plan_add_risk (plan, _(remedy->risk));
      if (g_str_equal (control_id, "ip-firewall"))
        {
          if (!options->enforce)
            _posture_fix_plan_add_risk (plan, _("In audit mode the firewall blocks nothing: it "
                                                "records what it would block, and the control "
                                                "keeps failing until it is enforced. Run it for a "
                                                "week, then enforce it (--enforce)."));
          _posture_fix_plan_add_risk (plan, _("An enforced firewall that leaves you out needs "
                                              "Microsoft Support to undo: the allow-list must "
                                              "hold every address you and your services "
                                              "connect from."));
        }
      if (g_str_equal (control_id, "app-access-control"))
        _posture_fix_plan_add_risk (plan, options->enforce
                                          ? _("Enforcing blocks every application that is not "
                                              "on the list from reaching Dataverse.")
                                          : _("In audit mode nothing is blocked, and the control "
                                              "keeps failing until it is enforced "
                                              "(--enforce)."));
    }

  set_summary (&ctx);
  g_free (ctx.action);
  return g_steal_pointer (&plan);
}

/**
 * posture_remediation_what_if:
 * @snapshot: the snapshot to start from
 * @control_ids: the controls whose fixes to project
 * @out_left_out: (out) (optional) (transfer full): the controls not projected
 *
 * Returns: (transfer full): the snapshot as it would read after every fix
 */
PostureSnapshot *
posture_remediation_what_if (PostureSnapshot     *snapshot,
                             const char * const  *control_ids,
                             GStrv               *out_left_out,
                             GError             **error)
{
  g_autoptr(GStrvBuilder) left_out = g_strv_builder_new ();
  g_autoptr(PostureSnapshot) current = NULL;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  current = g_object_ref (snapshot);
  for (guint i = 0; control_ids != NULL && control_ids[i] != NULL; i++)
    {
      g_autoptr(PostureAssessment) assessment = NULL;
      g_autoptr(PostureFixPlan) plan = NULL;
      g_autoptr(PostureSnapshot) next = NULL;
      g_autoptr(GError) plan_error = NULL;

      assessment = posture_engine_assess (current, NULL, error);
      if (assessment == NULL)
        return NULL;

      plan = posture_remediation_plan (current, assessment, control_ids[i], NULL, &plan_error);
      if (plan == NULL)
        {
          g_debug ("What-if leaves out %s: %s", control_ids[i], plan_error->message);
          g_strv_builder_add (left_out, control_ids[i]);
          continue;
        }

      if ((next = posture_fix_plan_project (plan, current, error)) == NULL)
        return NULL;
      g_set_object (&current, next);
    }

  if (out_left_out != NULL)
    *out_left_out = g_strv_builder_end (left_out);
  return g_steal_pointer (&current);
}
