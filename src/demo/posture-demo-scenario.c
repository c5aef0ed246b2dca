/* posture-demo-scenario.c: the demo tenant's state and its seeded "Contoso (demo)" scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seed is designed so that the score starts Low and a presenter can take it to High
 * with the app's own fixes, each control showing its statuses somewhere:
 *
 *  - tenant: isolation never configured (404); environment creation restricted, trial,
 *    developer and Pages creation not; sharing with Everyone and connection sharing
 *    allowed; guests cannot make apps; no default-environment routing. DLP: a
 *    production policy (OnlyEnvironments), a default-environment policy whose default
 *    group is General (so connectors nobody listed stay usable there), and an
 *    environment-level (SingleEnvironment) policy on Copilot Pilot; none tenant-wide.
 *  - Graph (posture-demo-graph.c): security defaults off, a Conditional Access policy
 *    that requires MFA only for the Office 365 app group, six Global Administrators,
 *    one of them through a group.
 *  - environments: see the table below. Contoso Sales has 14 System Administrators in
 *    two business units (one of them an application user); Sales UAT is governed by an
 *    environment group (its governance writes answer 409) and its IP firewall allows
 *    0.0.0.0/0; Finance Integration is an older organization whose Dataverse does not
 *    know allowedlistofiprangesforfirewall (a $select naming it answers 400); Field
 *    Service's Dataverse does not know the caller (403); Finance runs its firewall and
 *    app access control in audit mode; guest access is unrestricted outside Sales and
 *    Finance.
 *
 * The IP firewall's allow-lists include Contoso's head office, 198.51.100.0/24, where
 * the demo's caller sits by default (posture_demo_server_set_caller_address()); the
 * ranges a presenter is likely to type (10.10.0.0/16, 203.0.113.0/24) do not hold it.
 */

#define G_LOG_DOMAIN "posture-demo-scenario"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"
#include "posture-json.h"

G_DEFINE_FINAL_TYPE (PostureDemoScenario, posture_demo_scenario, G_TYPE_OBJECT)

typedef struct
{
  const char        *name;
  const char        *display_name;
  const char        *description;
  const char        *sku;
  guint              geo;
  guint              region;
  const char        *created_time;
  const char        *created_by;
  const char        *domain;           /* NULL: no Dataverse */
  const char        *security_group;   /* NULL: absent */
  gboolean           forbidden;
  guint              org_flags;
  const char        *firewall_ranges;
  const char        *firewall_list;
  guint              app_access_mode;
  const char        *allowed_apps;
  const char        *missing_column;
  PostureDemoAdmins  admins;
  const char        *protection;       /* "Standard" or "Basic" */
  const char        *limit_mode;       /* NULL: no settings */
  const char        *max_sharing;
  const char        *group;            /* parent environment group id, or NULL */
  const char        *cmk;
  const char        *vnet;
} ScenarioEnv;

#define ORG_FIREWALL   POSTURE_DEMO_ORG_FIREWALL
#define ORG_AUDIT_MODE POSTURE_DEMO_ORG_FIREWALL_AUDIT
#define ORG_COOKIE     POSTURE_DEMO_ORG_COOKIE_BINDING
#define ORG_AUDIT      POSTURE_DEMO_ORG_AUDIT
#define ORG_CSP        POSTURE_DEMO_ORG_CSP
#define ORG_CSP_CANVAS POSTURE_DEMO_ORG_CSP_CANVAS
#define ORG_USER_AUDIT POSTURE_DEMO_ORG_USER_AUDIT
#define ORG_SESSION    POSTURE_DEMO_ORG_SESSION_TIMEOUT
#define ORG_GUESTS     POSTURE_DEMO_ORG_RESTRICT_GUESTS

/* Approved client applications of Contoso's Dataverse (app access control). */
#define CONTOSO_APPS   "a0c2e8f4-3b1d-4c6e-9f7a-1d2e3f4a5b61,b1d3f9a5-4c2e-4d7f-8a8b-2e3f4a5b6c72"

static const ScenarioEnv scenario_envs[] = {
  { POSTURE_DEMO_DEFAULT_ENV, "Contoso (default)", "", "Default", 0, 0,
    "2019-03-11T16:45:02.113Z", "SYSTEM", "contosodemo", NULL, FALSE,
    ORG_SESSION, NULL, NULL, 0, NULL, NULL,
    { { 6, 0, 0 }, 0, 0, 1, 1 },
    "Basic", NULL, NULL, NULL, NULL, NULL },
  { "a3f0c2d1-5b6e-4c8f-9a1d-2e3b4c5d6e01", "Contoso Sales",
    "Customer engagement apps for the sales organisation.",
    "Production", 0, 1, "2021-06-02T09:14:27.400Z", "Megan Bowen", "contososales",
    "6f1c2b3a-8d4e-4f5a-9b6c-7d8e9f0a1b21", FALSE,
    ORG_FIREWALL | ORG_COOKIE | ORG_AUDIT | ORG_USER_AUDIT | ORG_CSP | ORG_CSP_CANVAS |
    ORG_SESSION | ORG_GUESTS, "10.10.0.0/16", "198.51.100.0/24", 1, CONTOSO_APPS, NULL,
    { { 11, 4, 0 }, 1, 1, 0, 0 },
    "Standard", "excludeSharingToSecurityGroups", "20", NULL, "Linked", "Linked" },
  { "b7e1d4c2-9a3f-4b8e-8c1d-3f4a5b6c7d02", "Contoso Finance",
    "Finance and operations: budgets, expenses, approvals.",
    "Production", 1, 0, "2021-09-20T13:05:51.020Z", "Lidia Holloway", "contosofinance",
    "7a2d3c4b-9e5f-4a6b-8c7d-8e9f0a1b2c32", FALSE,
    ORG_FIREWALL | ORG_AUDIT_MODE | ORG_AUDIT | ORG_CSP | ORG_GUESTS,
    "198.51.100.0/24,10.20.0.0/16", NULL, 2, CONTOSO_APPS, NULL,
    { { 7, 0, 0 }, 0, 1, 0, 0 },
    "Standard", "noLimit", "-1", NULL, "Linking", "Linked" },
  { "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03", "Contoso HR",
    "Onboarding, leave requests and the people directory.",
    "Production", 1, 1, "2022-01-17T08:30:00.000Z", "Diego Siciliani", "contosohr",
    "", FALSE, 0, NULL, NULL, 0, NULL, NULL,
    { { 3, 0, 0 }, 0, 0, 0, 0 },
    "Basic", NULL, NULL, NULL, NULL, "Linked" },
  { "d9c3f6e4-1a5b-4d0e-8f3a-5b6c7d8e9f04", "Field Service",
    "Work orders and technician scheduling.",
    "Production", 2, 0, "2022-05-09T11:22:33.250Z", "Grady Archie", "contosofieldsvc",
    POSTURE_DEMO_ZERO_GUID, TRUE, ORG_AUDIT, NULL, NULL, 0, NULL, NULL,
    { { 2, 0, 0 }, 0, 0, 0, 0 },
    "Basic", NULL, NULL, NULL, NULL, NULL },
  { "e4d0a7f5-2b6c-4e1f-9a4b-6c7d8e9f0a05", "Contoso Intranet",
    "Canvas apps and flows for the intranet portal.",
    "Production", 0, 0, "2020-11-30T15:40:10.500Z", "Megan Bowen", NULL, NULL, FALSE,
    0, NULL, NULL, 0, NULL, NULL,
    { { 0, 0, 0 }, 0, 0, 0, 0 },
    "Basic", NULL, NULL, NULL, NULL, NULL },
  { "f5e1b8a6-3c7d-4f2a-8b5c-7d8e9f0a1b06", "Sales UAT",
    "User acceptance testing for Contoso Sales releases.",
    "Sandbox", 0, 1, "2023-02-15T08:02:36.170Z", "Megan Bowen", "contososalesuat",
    "8b3e4d5c-0f6a-4b7c-9d8e-9f0a1b2c3d43", FALSE,
    ORG_FIREWALL | ORG_COOKIE, "0.0.0.0/0", NULL, 0, NULL, NULL,
    { { 5, 0, 0 }, 0, 0, 1, 0 },
    "Standard", NULL, NULL, "2b7c9d1e-5e6f-4a7b-8c9d-0e1f2a3b4c5d", NULL, NULL },
  { "0a6f2c97-4d8e-4a3b-9c6d-8e9f0a1b2c07", "Finance Integration (Sandbox)",
    "ERP integration tests.",
    "Sandbox", 1, 0, "2023-04-03T10:10:10.100Z", "Lidia Holloway", "contosofinint",
    NULL, FALSE, 0, NULL, NULL, 0, NULL, "allowedlistofiprangesforfirewall",
    { { 2, 0, 0 }, 0, 0, 0, 0 },
    "Basic", NULL, NULL, NULL, NULL, NULL },
  { "1b7a3d08-5e9f-4b4c-8d7e-9f0a1b2c3d08", "Copilot Pilot", "Trial of Copilot Studio agents.",
    "Trial", 0, 1, "2024-10-01T07:45:00.000Z", "Isaiah Langer", NULL, NULL, FALSE,
    0, NULL, NULL, 0, NULL, NULL,
    { { 0, 0, 0 }, 0, 0, 0, 0 },
    "Basic", NULL, NULL, NULL, NULL, NULL },
  { "2c8b4e19-6f0a-4c5d-9e8f-0a1b2c3d4e09", "Marketing Campaign Trial",
    "Event registration app, trial.",
    "Trial", 2, 1, "2024-09-12T12:00:00.000Z", "Adele Vance", "contosomkttrial",
    "9c4f5e6d-1a7b-4c8d-8e9f-0a1b2c3d4e54", FALSE, ORG_AUDIT, NULL, NULL, 0, NULL, NULL,
    { { 1, 0, 0 }, 0, 0, 0, 0 },
    "Basic", NULL, NULL, NULL, NULL, NULL },
  { "3d9c5f2a-7a1b-4d6e-8f9a-1b2c3d4e5f10", "Alex Wilber's Environment", "",
    "Developer", 0, 0, "2024-02-20T17:31:09.870Z", "Alex Wilber", "orgalexw",
    NULL, FALSE, ORG_CSP | ORG_CSP_CANVAS, NULL, NULL, 0, NULL, NULL,
    { { 1, 0, 0 }, 0, 0, 0, 0 },
    "Basic", NULL, NULL, NULL, NULL, NULL },
  { "4e0d6a3b-8b2c-4e7f-9a0b-2c3d4e5f6a11", "Megan Bowen's Environment", "",
    "Developer", 1, 0, "2024-03-05T09:12:44.010Z", "Megan Bowen", NULL, NULL, FALSE,
    0, NULL, NULL, 0, NULL, NULL,
    { { 0, 0, 0 }, 0, 0, 0, 0 },
    "Basic", NULL, NULL, NULL, NULL, NULL },
};

/* Indexes into scenario_envs, for the DLP seed. */
enum { ENV_DEFAULT, ENV_SALES, ENV_FINANCE, ENV_HR, ENV_FIELD, ENV_INTRANET, ENV_UAT,
       ENV_FININT, ENV_PILOT };

static PostureDemoEnv *
env_from_scenario (const ScenarioEnv *s)
{
  PostureDemoEnv *env = g_new0 (PostureDemoEnv, 1);
  guint32 h = g_str_hash (s->name);

  env->name = g_strdup (s->name);
  env->display_name = g_strdup (s->display_name);
  env->description = g_strdup (s->description);
  env->sku = s->sku;
  env->is_default = g_str_equal (s->sku, "Default");
  env->geo = &posture_demo_geos[s->geo];
  env->azure_region = posture_demo_geos[s->geo].regions[s->region];
  env->created_time = g_strdup (s->created_time);
  env->created_by = g_strdup (s->created_by);
  env->created_by_id = g_strdup_printf ("%08x-1c2d-4e3f-8a4b-%012x", h, h ^ 0x5a5a5a5a);
  env->resource_id = g_strdup_printf ("%08x-%04x-4%03x-9%03x-%012x", h ^ 0x13572468,
                                      (h >> 3) & 0xffff, h & 0xfff, (h >> 7) & 0xfff, h);
  env->has_dataverse = s->domain != NULL;
  env->dataverse_forbidden = s->forbidden;
  env->domain_name = g_strdup (s->domain);
  env->security_group_id = g_strdup (s->security_group);
  env->org_flags = s->org_flags;
  env->audit_retention = (s->org_flags & ORG_AUDIT) ? 0 : 30;
  env->firewall_ranges = s->firewall_ranges;
  env->firewall_list = s->firewall_list;
  env->app_access_mode = s->app_access_mode;
  env->allowed_apps = s->allowed_apps;
  env->missing_column = s->missing_column;
  env->admins = s->admins;
  env->governance = _posture_demo_governance_new (s->protection, s->limit_mode, s->max_sharing,
                                                  "warn");
  env->group_id = g_strdup (s->group);
  env->cmk_status = s->cmk;
  env->vnet_status = s->vnet;
  env->cadence = g_str_equal (s->sku, "Production") ? "Moderate" : "Frequent";

  return env;
}

/* The default environment, first in every tenant, seeded or generated. */
PostureDemoEnv *
_posture_demo_scenario_default_env (void)
{
  return env_from_scenario (&scenario_envs[ENV_DEFAULT]);
}

/* ---- Tenant settings (reference §2.3) ------------------------------------------------- */

static JsonObject *
object_with_bools (const char * const *names,
                   const gboolean     *values,
                   guint               n)
{
  JsonObject *obj = json_object_new ();

  for (guint i = 0; i < n; i++)
    json_object_set_boolean_member (obj, names[i], values[i]);
  return obj;
}

#define BOOLS(names, values) object_with_bools (names, values, G_N_ELEMENTS (names))

/* Mostly weak: only environment creation is locked down and guests cannot make apps. */
JsonObject *
_posture_demo_tenant_settings_new (void)
{
  static const char * const top[] = {
    "walkMeOptOut", "disableNPSCommentsReachout", "disableNewsletterSendout",
    "disableEnvironmentCreationByNonAdminUsers", "disablePortalsCreationByNonAdminUsers",
    "disableSurveyFeedback", "disableTrialEnvironmentCreationByNonAdminUsers",
    "disableCapacityAllocationByEnvironmentAdmins", "disableSupportTicketsVisibleByAllUsers" };
  static const gboolean top_v[] = { FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE };
  static const char * const search[] = {
    "disableDocsSearch", "disableCommunitySearch", "disableBingVideoSearch" };
  static const gboolean search_v[] = { FALSE, FALSE, FALSE };
  static const char * const apps[] = {
    "disableShareWithEveryone", "enableGuestsToMake", "disableMembersIndicator",
    "disableMakerMatch", "disableUnusedLicenseAssignment", "disableCreateFromImage",
    "disableCreateFromFigma", "disableConnectionSharingWithEveryone" };
  static const gboolean apps_v[] = { FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE };
  static const char * const automate[] = { "disableCopilot", "disableCopilotWithBing" };
  static const gboolean automate_v[] = { FALSE, FALSE };
  static const char * const champions[] = {
    "disableChampionsInvitationReachout", "disableSkillsMatchInvitationReachout" };
  static const gboolean champions_v[] = { FALSE, FALSE };
  static const char * const intelligence[] = {
    "disableCopilot", "enableOpenAiBotPublishing", "disableCopilotFeedback",
    "disableCopilotFeedbackMetadata" };
  static const gboolean intelligence_v[] = { FALSE, TRUE, FALSE, FALSE };
  static const char * const experiment[] = { "enableModelDataSharing", "disableDataLogging" };
  static const gboolean experiment_v[] = { FALSE, FALSE };
  static const char * const licensing[] = {
    "disableBillingPolicyCreationByNonAdminUsers", "enableTenantCapacityReportForEnvironmentAdmins",
    "enableTenantLicensingReportForEnvironmentAdmins", "disableUseOfUnassignedAIBuilderCredits",
    "applyAutoClaimToOnlyManagedEnvironments" };
  static const gboolean licensing_v[] = { FALSE, FALSE, FALSE, FALSE, FALSE };
  JsonObject *root = BOOLS (top, top_v);
  JsonObject *pp = json_object_new ();
  JsonObject *o;
  JsonObject *policy;

  json_object_set_object_member (pp, "search", BOOLS (search, search_v));
  o = json_object_new ();
  json_object_set_int_member (o, "shareWithColleaguesUserLimit", 10000);
  json_object_set_object_member (pp, "teamsIntegration", o);
  json_object_set_object_member (pp, "powerApps", BOOLS (apps, apps_v));
  json_object_set_object_member (pp, "powerAutomate", BOOLS (automate, automate_v));
  o = json_object_new ();
  json_object_set_boolean_member (o, "disablePreferredDataLocationForTeamsEnvironment", FALSE);
  json_object_set_object_member (pp, "environments", o);

  o = json_object_new ();
  json_object_set_boolean_member (o, "disableAdminDigest", FALSE);
  json_object_set_boolean_member (o, "disableDeveloperEnvironmentCreationByNonAdminUsers", FALSE);
  json_object_set_boolean_member (o, "enableDefaultEnvironmentRouting", FALSE);
  json_object_set_boolean_member (o, "environmentRoutingAllMakers", FALSE);
  json_object_set_string_member (o, "environmentRoutingTargetEnvironmentGroupId",
                                 POSTURE_DEMO_ZERO_GUID);
  json_object_set_string_member (o, "environmentRoutingTargetSecurityGroupId",
                                 POSTURE_DEMO_ZERO_GUID);
  policy = json_object_new ();
  json_object_set_boolean_member (policy, "enableDesktopFlowDataPolicyManagement", FALSE);
  json_object_set_object_member (o, "policy", policy);
  json_object_set_object_member (pp, "governance", o);

  o = BOOLS (licensing, licensing_v);
  json_object_set_int_member (o, "storageCapacityConsumptionWarningThreshold", 85);
  json_object_set_object_member (pp, "licensing", o);
  json_object_set_object_member (pp, "powerPages", json_object_new ());
  json_object_set_object_member (pp, "champions", BOOLS (champions, champions_v));
  json_object_set_object_member (pp, "intelligence", BOOLS (intelligence, intelligence_v));
  json_object_set_object_member (pp, "modelExperimentation", BOOLS (experiment, experiment_v));
  o = json_object_new ();
  json_object_set_string_member (o, "powerCatalogAudienceSetting", "All");
  json_object_set_object_member (pp, "catalogSettings", o);
  o = json_object_new ();
  json_object_set_boolean_member (o, "enableDeleteDisabledUserinAllEnvironments", FALSE);
  json_object_set_object_member (pp, "userManagementSettings", o);

  json_object_set_object_member (root, "powerPlatform", pp);
  return root;
}

/* ---- The seeded scenario -------------------------------------------------------------- */

static void
build_contoso (PostureDemoScenario *self)
{
  g_autoptr(GPtrArray) production = g_ptr_array_new ();
  g_autoptr(GPtrArray) defaults = g_ptr_array_new ();
  static const guint covered[] = { ENV_SALES, ENV_FINANCE, ENV_HR, ENV_INTRANET };

  for (guint i = 0; i < G_N_ELEMENTS (scenario_envs); i++)
    _posture_demo_scenario_add (self, env_from_scenario (&scenario_envs[i]));

  /* Four of the five Production environments (not Field Service). */
  for (guint i = 0; i < G_N_ELEMENTS (covered); i++)
    g_ptr_array_add (production, (gpointer) scenario_envs[covered[i]].name);
  g_ptr_array_add (defaults, (gpointer) POSTURE_DEMO_DEFAULT_ENV);
  _posture_demo_dlp_seed (self, production, defaults, scenario_envs[ENV_PILOT].name, NULL);
}

/* ---- State ---------------------------------------------------------------------------- */

PostureDemoEnv *
_posture_demo_scenario_lookup (PostureDemoScenario *self,
                               const char          *name)
{
  g_autofree char *key = NULL;

  if (name == NULL)
    return NULL;
  key = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (self->by_name, key);
}

void
_posture_demo_scenario_add (PostureDemoScenario *self,
                            PostureDemoEnv      *env)
{
  g_ptr_array_add (self->environments, env);
  g_hash_table_insert (self->by_name, g_ascii_strdown (env->name, -1), env);
}

/* The environment's JSON, rendered once per base URI and kept until it changes (a
 * write clears env->cached). */
const char *
_posture_demo_scenario_env_json (PostureDemoScenario *self,
                                 PostureDemoEnv      *env,
                                 const char          *base_uri)
{
  if (g_strcmp0 (self->cached_base, base_uri) != 0)
    {
      for (guint i = 0; i < self->environments->len; i++)
        g_clear_pointer (&((PostureDemoEnv *) g_ptr_array_index (self->environments, i))->cached,
                         g_free);
      g_free (self->cached_base);
      self->cached_base = g_strdup (base_uri);
    }

  if (env->cached == NULL)
    {
      g_autoptr(JsonObject) obj = _posture_demo_env_render (env, base_uri);

      env->cached = _posture_demo_object_string (obj);
    }

  return env->cached;
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
posture_demo_scenario_finalize (GObject *object)
{
  PostureDemoScenario *self = (PostureDemoScenario *) object;

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->environments, g_ptr_array_unref);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  g_clear_pointer (&self->operations, _posture_demo_operations_free);
  g_clear_pointer (&self->tenant_settings, json_object_unref);
  g_clear_pointer (&self->isolation, json_object_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->cached_base, g_free);

  G_OBJECT_CLASS (posture_demo_scenario_parent_class)->finalize (object);
}

static void
posture_demo_scenario_class_init (PostureDemoScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_demo_scenario_finalize;
}

static void
posture_demo_scenario_init (PostureDemoScenario *self)
{
  self->environments = g_ptr_array_new_with_free_func ((GDestroyNotify) _posture_demo_env_free);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->policies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->operations = _posture_demo_operations_new ();
  self->tenant_settings = _posture_demo_tenant_settings_new ();
}

/**
 * posture_demo_scenario_new:
 * @seed: seeds the generator and the ids of objects the tenant creates
 * @n_environments: 0 for the seeded "Contoso (demo)" scenario
 *
 * Returns: (transfer full): the tenant's state, as seeded
 */
PostureDemoScenario *
posture_demo_scenario_new (guint64 seed,
                           guint   n_environments)
{
  PostureDemoScenario *self = g_object_new (POSTURE_TYPE_DEMO_SCENARIO, NULL);
  guint32 seed_words[2] = { (guint32) seed ^ 0x9e3779b9u, (guint32) (seed >> 32) };

  self->seed = seed;
  self->n_requested = n_environments;
  self->rand = g_rand_new_with_seed_array (seed_words, 2);

  if (n_environments == 0)
    build_contoso (self);
  else
    _posture_demo_generate (self, seed, n_environments);

  return self;
}

guint
posture_demo_scenario_get_n_environments (PostureDemoScenario *self)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SCENARIO (self), 0);

  return self->environments->len;
}
