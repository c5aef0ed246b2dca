/* test-engine.c: every control's verdicts, the score arithmetic, decisions and what-if
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "posture-assessment-private.h"
#include "posture-engine.h"
#include "posture-error.h"
#include "posture-report.h"
#include "engine-fixture.h"

/* The fixtures' expected status of every control (tests/data/engine/make-fixtures.py
 * says how each was built). Every control is named in all-pass, all-fail, partial and
 * unknown; the other fixtures name what they are about. */
typedef struct
{
  const char *fixture;
  const char *statuses; /* "id=status id=status …" */
} Expectation;

#define TENANT_SETTINGS(status)                                                          \
  "env-creation-admins-only=" status " trial-env-creation-admins-only=" status " "        \
  "developer-env-creation-admins-only=" status " pages-creation-admins-only=" status " "  \
  "share-with-everyone-disabled=" status " connection-sharing-disabled=" status " "       \
  "guest-makers-disabled=" status " default-environment-routing=" status " "

/* DESIGN.md's JSON form of @assessment, parsed. */
static JsonNode *
assessment_json (PostureAssessment *assessment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = posture_report_render (assessment, NULL, NULL,
                                                 POSTURE_REPORT_FORMAT_JSON, NULL, &error);
  JsonNode *node;

  g_assert_no_error (error);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  return node;
}

static const Expectation expectations[] = {
  { "all-pass.json",
    "tenant-isolation=pass tenant-isolation-allowlist=manual dlp-tenant-policy=pass "
    "dlp-default-environment=pass dlp-default-environment-connectors=pass "
    TENANT_SETTINGS ("pass")
    "conditional-access-mfa=pass global-admin-count=pass dlp-environment-coverage=pass "
    "managed-environment=pass environment-security-group=pass sharing-limits=pass ip-firewall=pass "
    "ip-cookie-binding=pass auditing=pass content-security-policy=pass "
    "guest-access-restricted=pass admin-privileges=pass app-access-control=pass "
    "customer-managed-key=pass virtual-network=pass customer-lockbox=manual" },
  { "all-fail.json",
    "tenant-isolation=fail tenant-isolation-allowlist=manual dlp-tenant-policy=fail "
    "dlp-default-environment=fail dlp-default-environment-connectors=fail "
    TENANT_SETTINGS ("fail")
    "conditional-access-mfa=fail global-admin-count=fail dlp-environment-coverage=fail "
    "managed-environment=fail environment-security-group=fail sharing-limits=fail ip-firewall=fail "
    "ip-cookie-binding=fail auditing=fail content-security-policy=fail "
    "guest-access-restricted=fail admin-privileges=fail app-access-control=fail "
    "customer-managed-key=fail virtual-network=fail customer-lockbox=manual" },
  { "partial.json",
    "tenant-isolation=fail dlp-tenant-policy=fail dlp-default-environment=fail "
    "dlp-default-environment-connectors=fail "
    TENANT_SETTINGS ("pass")
    "conditional-access-mfa=pass global-admin-count=pass "
    "dlp-environment-coverage=partial managed-environment=partial "
    "environment-security-group=partial "
    "sharing-limits=partial ip-firewall=partial ip-cookie-binding=partial auditing=partial "
    "content-security-policy=partial guest-access-restricted=partial admin-privileges=partial "
    "app-access-control=partial customer-managed-key=partial virtual-network=partial" },
  { "unknown.json",
    "tenant-isolation=unknown tenant-isolation-allowlist=manual dlp-tenant-policy=unknown "
    "dlp-default-environment=unknown dlp-default-environment-connectors=unknown "
    TENANT_SETTINGS ("unknown")
    "conditional-access-mfa=unknown global-admin-count=unknown dlp-environment-coverage=unknown "
    "managed-environment=pass environment-security-group=pass sharing-limits=pass "
    "ip-firewall=unknown ip-cookie-binding=unknown auditing=unknown "
    "content-security-policy=unknown "
    "guest-access-restricted=unknown admin-privileges=unknown app-access-control=unknown "
    "customer-managed-key=fail virtual-network=fail customer-lockbox=manual" },
  { "no-environments.json",
    "tenant-isolation=pass dlp-default-environment=unknown "
    "dlp-default-environment-connectors=unknown "
    "dlp-environment-coverage=not-applicable managed-environment=not-applicable "
    "environment-security-group=not-applicable sharing-limits=not-applicable "
    "ip-firewall=not-applicable ip-cookie-binding=not-applicable auditing=not-applicable "
    "content-security-policy=not-applicable guest-access-restricted=not-applicable "
    "admin-privileges=not-applicable app-access-control=not-applicable "
    "customer-managed-key=not-applicable virtual-network=not-applicable" },
  { "developer-only.json",
    "dlp-environment-coverage=pass dlp-default-environment=unknown "
    "managed-environment=not-applicable "
    "environment-security-group=not-applicable sharing-limits=not-applicable "
    "ip-firewall=not-applicable admin-privileges=not-applicable "
    "customer-managed-key=not-applicable "
    "virtual-network=not-applicable" },
  { "default-only.json",
    "dlp-environment-coverage=not-applicable environment-security-group=not-applicable "
    "customer-managed-key=not-applicable virtual-network=not-applicable managed-environment=pass "
    "sharing-limits=pass ip-firewall=pass admin-privileges=pass" },
  /* DLP coverage: policy type × default environment listed or not (the policy then
   * lists Prod A, the one other environment). */
  { "dlp-AllEnvironments-listed.json",
    "dlp-tenant-policy=pass dlp-default-environment=pass dlp-environment-coverage=pass" },
  { "dlp-AllEnvironments-unlisted.json",
    "dlp-tenant-policy=pass dlp-default-environment=pass dlp-environment-coverage=pass" },
  { "dlp-OnlyEnvironments-listed.json",
    "dlp-tenant-policy=fail dlp-default-environment=pass dlp-environment-coverage=fail" },
  { "dlp-OnlyEnvironments-unlisted.json",
    "dlp-tenant-policy=fail dlp-default-environment=fail dlp-environment-coverage=pass" },
  { "dlp-ExceptEnvironments-listed.json",
    "dlp-tenant-policy=pass dlp-default-environment=fail dlp-environment-coverage=pass" },
  { "dlp-ExceptEnvironments-unlisted.json",
    "dlp-tenant-policy=pass dlp-default-environment=pass dlp-environment-coverage=fail" },
  /* Environment-level policies cover, and are never tenant-wide; the default environment
   * found by its name. */
  { "dlp-SingleEnvironment.json",
    "dlp-tenant-policy=fail dlp-default-environment=pass dlp-environment-coverage=pass "
    "dlp-default-environment-connectors=pass" },
  { "no-default.json",
    "dlp-default-environment=unknown dlp-default-environment-connectors=unknown "
    "dlp-tenant-policy=pass "
    "dlp-environment-coverage=pass" },
  { "connectors-general-default.json", "dlp-default-environment-connectors=fail" },
  { "connectors-outside.json", "dlp-default-environment-connectors=fail" },
  { "connectors-blocked-elsewhere.json", "dlp-default-environment-connectors=pass" },
  { "connectors-uncovered.json",
    "dlp-default-environment-connectors=fail dlp-default-environment=fail" },
  /* Microsoft Graph: a 403 is unknown, never a failure. */
  { "graph-403.json",
    "conditional-access-mfa=unknown global-admin-count=unknown tenant-isolation=pass "
    "admin-privileges=pass" },
  { "group-members-403.json", "global-admin-count=unknown conditional-access-mfa=pass" },
  { "global-admins-five.json", "global-admin-count=fail" },
  { "ca-office365-trap.json", "conditional-access-mfa=fail" },
  { "ca-three-apps.json", "conditional-access-mfa=pass" },
  { "ca-two-apps.json", "conditional-access-mfa=fail" },
  { "ca-excluded.json", "conditional-access-mfa=fail" },
  { "ca-or-trap.json", "conditional-access-mfa=fail" },
  { "ca-and.json", "conditional-access-mfa=pass" },
  { "ca-strength.json", "conditional-access-mfa=pass" },
  { "ca-block.json", "conditional-access-mfa=pass" },
  { "ca-legacy-clients.json", "conditional-access-mfa=fail" },
  { "ca-browser-and-apps.json", "conditional-access-mfa=pass" },
  { "ca-some-users.json", "conditional-access-mfa=fail" },
  { "ca-report-only.json", "conditional-access-mfa=fail" },
  { "ca-none.json", "conditional-access-mfa=fail" },
  { "ca-security-defaults.json", "conditional-access-mfa=pass" },
  { "firewall-ranges.json", "ip-firewall=partial" },
  { "admins.json", "admin-privileges=partial" },
  { "app-access.json", "app-access-control=partial guest-access-restricted=partial" },
  /* Format 1: what it lacks is unknown, the rest is assessed. */
  { "legacy-v1.json",
    "tenant-isolation=pass dlp-tenant-policy=pass dlp-default-environment=pass "
    "dlp-default-environment-connectors=pass "
    TENANT_SETTINGS ("pass")
    "conditional-access-mfa=unknown global-admin-count=unknown dlp-environment-coverage=pass "
    "managed-environment=pass environment-security-group=pass sharing-limits=pass ip-firewall=pass "
    "ip-cookie-binding=pass auditing=pass content-security-policy=pass "
    "guest-access-restricted=unknown admin-privileges=unknown app-access-control=unknown "
    "customer-managed-key=pass virtual-network=pass" },
  /* What real APIs send (see the fixture): string booleans, "" for [], vnets, OData list,
   * names and members in any case, members missing. */
  { "tolerant.json",
    "tenant-isolation=pass dlp-tenant-policy=pass dlp-default-environment=pass "
    "dlp-default-environment-connectors=fail env-creation-admins-only=pass "
    "trial-env-creation-admins-only=pass developer-env-creation-admins-only=fail "
    "pages-creation-admins-only=fail share-with-everyone-disabled=fail "
    "connection-sharing-disabled=pass guest-makers-disabled=pass default-environment-routing=fail "
    "conditional-access-mfa=pass global-admin-count=pass dlp-environment-coverage=pass "
    "managed-environment=partial environment-security-group=pass sharing-limits=partial "
    "ip-firewall=partial ip-cookie-binding=fail auditing=pass content-security-policy=pass "
    "guest-access-restricted=partial admin-privileges=pass app-access-control=partial "
    "customer-managed-key=pass virtual-network=pass" },
};

static const char *tenant_statuses_never[] = { "partial", "not-applicable", NULL };
/* Environment controls that read only the BAP environment object cannot be unknown: that
 * object is always read with the environment. */
static const char *never_unknown[] = {
  "managed-environment", "environment-security-group", "sharing-limits",
  "customer-managed-key", "virtual-network", NULL,
};

static void
test_engine_fixtures (void)
{
  PostureCatalog *catalog = posture_catalog_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      g_autoptr(PostureSnapshot) snapshot = engine_fixture_load (expectations[i].fixture);
      g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
      g_auto(GStrv) pairs = g_strsplit (expectations[i].statuses, " ", 0);
      GListModel *controls = posture_assessment_get_controls (assessment);

      g_assert_cmpuint (g_list_model_get_n_items (controls), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (catalog)));

      for (guint p = 0; pairs[p] != NULL; p++)
        {
          g_auto(GStrv) kv = g_strsplit (pairs[p], "=", 2);
          PostureControlResult *result = engine_fixture_result (assessment, kv[0]);
          const char *status =
              posture_status_to_string (posture_control_result_get_status (result));

          if (!g_str_equal (status, kv[1]))
            g_error ("%s: %s is %s, expected %s", expectations[i].fixture, kv[0], status, kv[1]);
        }

      /* The statuses the rules make impossible never occur. */
      for (guint c = 0; c < g_list_model_get_n_items (controls); c++)
        {
          g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, c);
          PostureControl *control = posture_control_result_get_control (result);
          const char *id = posture_control_get_id (control);
          const char *status =
              posture_status_to_string (posture_control_result_get_status (result));

          if (posture_control_get_manual (control))
            g_assert_cmpstr (status, ==, "manual");
          else if (posture_control_get_scope (control) == POSTURE_SCOPE_TENANT &&
                   g_strv_contains (tenant_statuses_never, status))
            g_error ("%s: tenant control %s is %s", expectations[i].fixture, id, status);
          else if (g_strv_contains (never_unknown, id) && g_str_equal (status, "unknown"))
            g_error ("%s: %s is unknown", expectations[i].fixture, id);
        }

      g_assert_finalize_object (g_steal_pointer (&assessment));
      g_assert_finalize_object (g_steal_pointer (&snapshot));
    }
}

/* Every control has a fixture where it passes, fails, is partial, not applicable and
 * unknown, except the combinations the rules make impossible (asserted above). */
static void
test_engine_coverage_of_fixtures (void)
{
  static const char *statuses[] = { "pass", "fail", "partial", "not-applicable", "unknown" };
  PostureCatalog *catalog = posture_catalog_get_default ();

  for (guint c = 0; c < g_list_model_get_n_items (G_LIST_MODEL (catalog)); c++)
    {
      g_autoptr(PostureControl) control = g_list_model_get_item (G_LIST_MODEL (catalog), c);
      const char *id = posture_control_get_id (control);
      gboolean tenant = posture_control_get_scope (control) == POSTURE_SCOPE_TENANT;

      if (posture_control_get_manual (control))
        continue;

      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        {
          g_autofree char *needle = g_strdup_printf ("%s=%s", id, statuses[s]);
          gboolean found = FALSE;

          if (tenant && g_strv_contains (tenant_statuses_never, statuses[s]))
            continue;
          if (g_str_equal (statuses[s], "unknown") && g_strv_contains (never_unknown, id))
            continue;

          for (guint i = 0; i < G_N_ELEMENTS (expectations) && !found; i++)
            {
              g_auto(GStrv) pairs = g_strsplit (expectations[i].statuses, " ", 0);

              found = g_strv_contains ((const char * const *) pairs, needle);
            }
          if (!found)
            g_error ("no fixture expects %s", needle);
        }
    }
}

/* The admin center's documented example, redone with DESIGN.md's rules on a default
 * environment plus 10 others (all with Dataverse):
 *   tenant-isolation, on: a tenant control is worth N = 11 points (the number of
 *     environments), all or nothing → 11 / 11.
 *   ip-firewall, on in 2 environments: applies to every environment with Dataverse,
 *     the default one included → 11 possible, 2 earned → 2 / 11.
 *   environment-security-group, set on 5: applies to environments with Dataverse
 *     except the default one → 10 possible, 5 earned → 5 / 10.
 *   Total 18 / 32 = 56.25 % → rounds to 56 → medium.
 * (The admin center's own example counts 10 environments and gets 17 / 30 = 56.67 %:
 * the default environment is the difference.) */
static void
test_engine_admin_center_example (void)
{
  static const char *ids[] = { "tenant-isolation", "ip-firewall", "environment-security-group",
                               NULL };
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("admin-center-example.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, ids, NULL);
  PostureControlResult *result;
  PostureScore score;

  g_assert_cmpuint (g_list_model_get_n_items (posture_assessment_get_controls (assessment)), ==, 3);

  result = engine_fixture_result (assessment, "tenant-isolation");
  g_assert_cmpint (posture_control_result_get_status (result), ==, POSTURE_STATUS_PASS);
  g_assert_cmpuint (posture_control_result_get_earned (result), ==, 11);
  g_assert_cmpuint (posture_control_result_get_possible (result), ==, 11);

  result = engine_fixture_result (assessment, "ip-firewall");
  g_assert_cmpint (posture_control_result_get_status (result), ==, POSTURE_STATUS_PARTIAL);
  g_assert_cmpuint (posture_control_result_get_earned (result), ==, 2);
  g_assert_cmpuint (posture_control_result_get_possible (result), ==, 11);
  g_assert_cmpuint (posture_control_result_get_n_pass (result), ==, 2);
  g_assert_cmpuint (posture_control_result_get_n_fail (result), ==, 9);

  result = engine_fixture_result (assessment, "environment-security-group");
  g_assert_cmpint (posture_control_result_get_status (result), ==, POSTURE_STATUS_PARTIAL);
  g_assert_cmpuint (posture_control_result_get_earned (result), ==, 5);
  g_assert_cmpuint (posture_control_result_get_possible (result), ==, 10);

  posture_assessment_get_score (assessment, &score);
  g_assert_cmpuint (score.earned, ==, 18);
  g_assert_cmpuint (score.possible, ==, 32);
  g_assert_cmpfloat_with_epsilon (score.percent, 56.25, 1e-9);
  g_assert_cmpint (score.level, ==, POSTURE_LEVEL_MEDIUM);

  /* Recommendations: both medium; ip-firewall has 9 points to gain, the group 5. */
  {
    GListModel *recs = posture_assessment_get_recommendations (assessment);
    g_autoptr(PostureControlResult) first = g_list_model_get_item (recs, 0);
    g_autoptr(PostureControlResult) second = g_list_model_get_item (recs, 1);

    g_assert_cmpuint (g_list_model_get_n_items (recs), ==, 2);
    g_assert_cmpstr (posture_control_result_get_id (first), ==, "ip-firewall");
    g_assert_cmpstr (posture_control_result_get_id (second), ==, "environment-security-group");
    g_assert_cmpfloat_with_epsilon (posture_control_result_get_gain (first), 900.0 / 32, 1e-9);
    g_assert_cmpfloat_with_epsilon (posture_control_result_get_gain (second), 500.0 / 32, 1e-9);
  }
}

static void
test_engine_levels (void)
{
  static const struct { guint earned, possible; double percent; PostureLevel level; } cases[] = {
    { 0, 10, 0.0, POSTURE_LEVEL_LOW },
    { 101, 202, 50.0, POSTURE_LEVEL_LOW },
    { 101, 200, 50.5, POSTURE_LEVEL_MEDIUM },
    { 402, 500, 80.4, POSTURE_LEVEL_MEDIUM },
    { 161, 200, 80.5, POSTURE_LEVEL_HIGH },
    { 10, 10, 100.0, POSTURE_LEVEL_HIGH },
    { 0, 0, -1, POSTURE_LEVEL_UNKNOWN },
  };

  g_assert_cmpint (posture_level_for_percent (50.0), ==, POSTURE_LEVEL_LOW);
  g_assert_cmpint (posture_level_for_percent (50.49), ==, POSTURE_LEVEL_LOW);
  g_assert_cmpint (posture_level_for_percent (50.5), ==, POSTURE_LEVEL_MEDIUM);
  g_assert_cmpint (posture_level_for_percent (80.4), ==, POSTURE_LEVEL_MEDIUM);
  g_assert_cmpint (posture_level_for_percent (80.5), ==, POSTURE_LEVEL_HIGH);
  g_assert_cmpint (posture_level_for_percent (-1), ==, POSTURE_LEVEL_UNKNOWN);
  g_assert_cmpint (posture_level_for_percent (NAN), ==, POSTURE_LEVEL_UNKNOWN);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PostureScore score;

      _posture_score_init (&score, cases[i].earned, cases[i].possible);
      g_assert_cmpfloat_with_epsilon (score.percent, cases[i].percent, 1e-9);
      g_assert_cmpint (score.level, ==, cases[i].level);
    }
}

static void
test_engine_no_possible_points (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("no-environments.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *score;
  PostureScore value;

  posture_assessment_get_score (assessment, &value);
  g_assert_cmpuint (value.possible, ==, 0);
  g_assert_cmpint (value.level, ==, POSTURE_LEVEL_UNKNOWN);

  json = assessment_json (assessment);
  score = json_object_get_object_member (json_node_get_object (json), "score");
  g_assert_true (json_object_get_null_member (score, "percent"));
  g_assert_cmpstr (json_object_get_string_member (score, "level"), ==, "unknown");
}

/* Unknown resources count neither in earned nor in possible, and raise a warning. */
static void
test_engine_unknown_points (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("tolerant.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
  PostureControlResult *auditing = engine_fixture_result (assessment, "auditing");
  const char * const *warnings = posture_assessment_get_warnings (assessment);
  PostureResourceResult *resource;
  gboolean warned = FALSE;

  g_assert_cmpuint (posture_control_result_get_n_resources (auditing), ==, 2);
  g_assert_cmpuint (posture_control_result_get_n_unknown (auditing), ==, 1);
  g_assert_cmpuint (posture_control_result_get_earned (auditing), ==, 1);
  g_assert_cmpuint (posture_control_result_get_possible (auditing), ==, 1);
  g_assert_cmpint (posture_control_result_get_status (auditing), ==, POSTURE_STATUS_PASS);

  resource = posture_control_result_get_resource (auditing, 1);
  g_assert_cmpint (posture_resource_result_get_status (resource), ==, POSTURE_RESULT_UNKNOWN);
  g_assert_nonnull (strstr (posture_resource_result_get_reason (resource), "\"maybe\""));

  for (guint i = 0; warnings[i] != NULL; i++)
    warned |= strstr (warnings[i], "Dataverse auditing") != NULL;
  g_assert_true (warned);
}

static void
test_engine_reasons (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("all-fail.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
  PostureControlResult *firewall = engine_fixture_result (assessment, "ip-firewall");
  PostureControlResult *isolation = engine_fixture_result (assessment, "tenant-isolation");
  PostureControlResult *group = engine_fixture_result (assessment, "environment-security-group");
  GListModel *resources = posture_control_result_get_resources (firewall);
  g_autoptr(PostureResourceResult) first = g_list_model_get_item (resources, 0);

  g_assert_cmpuint (g_list_model_get_n_items (resources), ==, 3);
  g_assert_nonnull (strstr (posture_resource_result_get_reason (first), "audit mode"));
  g_assert_cmpstr (posture_resource_result_get_environment_type (first), ==, "Default");
  g_assert_nonnull (strstr (posture_resource_result_get_reason (
                                posture_control_result_get_resource (isolation, 0)),
                            "isDisabled"));
  /* The all-zero GUID is no security group. */
  g_assert_cmpuint (posture_control_result_get_n_fail (group), ==, 2);
}

static void
test_engine_recommendation_order (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("all-fail.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
  GListModel *recs = posture_assessment_get_recommendations (assessment);
  guint n = g_list_model_get_n_items (recs);

  g_assert_cmpuint (n, >, 10);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PostureControlResult) a = g_list_model_get_item (recs, i - 1);
      g_autoptr(PostureControlResult) b = g_list_model_get_item (recs, i);
      PostureSeverity sa = posture_control_get_severity (posture_control_result_get_control (a));
      PostureSeverity sb = posture_control_get_severity (posture_control_result_get_control (b));
      guint ga = posture_control_result_get_possible (a) - posture_control_result_get_earned (a);
      guint gb = posture_control_result_get_possible (b) - posture_control_result_get_earned (b);

      g_assert_cmpint (sa, >=, sb);
      if (sa == sb)
        {
          g_assert_cmpuint (ga, >=, gb);
          if (ga == gb)
            g_assert_cmpstr (posture_control_result_get_id (a), <,
                             posture_control_result_get_id (b));
        }
      g_assert_cmpint (posture_control_result_get_status (b), !=, POSTURE_STATUS_PASS);
    }

  /* Each result carries its place in that order (from 1); the others have none. */
  {
    GListModel *controls = posture_assessment_get_controls (assessment);
    guint n_ranked = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PostureControlResult) result = g_list_model_get_item (recs, i);
        guint rank = 0;
        gboolean recommended = FALSE;

        g_object_get (result, "rank", &rank, "recommended", &recommended, NULL);
        g_assert_cmpuint (rank, ==, i + 1);
        g_assert_true (recommended);
      }
    for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
      {
        g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);

        n_ranked += posture_control_result_get_rank (result) > 0;
        g_assert_cmpint (posture_control_result_get_recommended (result), ==,
                         posture_control_result_get_rank (result) > 0);
      }
    g_assert_cmpuint (n_ranked, ==, n);
  }

  /* Seven high controls each have 3 points to gain (3 environments): the id decides. */
  {
    g_autoptr(PostureControlResult) first = g_list_model_get_item (recs, 0);

    g_assert_cmpstr (posture_control_result_get_id (first), ==, "auditing");
  }
}

static void
test_engine_profiles (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("all-pass.json");
  g_autoptr(GError) error = NULL;
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  /* DESIGN.md: the controls that mirror admin-center recommendations. */
  static const char *ppac[] = {
    "tenant-isolation", "dlp-tenant-policy", "environment-security-group", "ip-firewall",
    "ip-cookie-binding", "auditing", "sharing-limits", "virtual-network",
    "guest-access-restricted", "admin-privileges", "app-access-control", "customer-lockbox", NULL,
  };
  static const char *bogus[] = { "ip-firewall", "no-such-control", NULL };

  for (PostureProfile profile = POSTURE_PROFILE_ALL; profile <= POSTURE_PROFILE_PPAC; profile++)
    {
      g_autoptr(PostureAssessment) assessment = NULL;
      GListModel *controls;
      guint n;

      options.profile = profile;
      assessment = posture_engine_assess (snapshot, &options, &error);
      g_assert_no_error (error);
      controls = posture_assessment_get_controls (assessment);
      n = g_list_model_get_n_items (controls);

      if (profile == POSTURE_PROFILE_ALL)
        g_assert_cmpuint (n, ==, 29);
      else if (profile == POSTURE_PROFILE_PPAC)
        {
          g_assert_cmpuint (n, ==, g_strv_length ((char **) ppac));
          for (guint i = 0; ppac[i] != NULL; i++)
            g_assert_nonnull (posture_assessment_lookup (assessment, ppac[i]));
        }
      else
        {
          /* Ten SCuBA policies: 1.1 1.2 2.1 2.2 2.3 3.1 3.2 (manual) 4.1 5.1 6.1 */
          g_assert_cmpuint (n, ==, 10);
          g_assert_nonnull (posture_assessment_lookup (assessment, "tenant-isolation-allowlist"));
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(PostureControlResult) r = g_list_model_get_item (controls, i);

              g_assert_nonnull (
                  posture_control_get_scuba_id (posture_control_result_get_control (r)));
            }
        }
      g_assert_cmpint (posture_assessment_get_profile (assessment), ==, profile);
    }

  options.profile = POSTURE_PROFILE_ALL;
  options.control_ids = bogus;
  g_assert_null (posture_engine_assess (snapshot, &options, &error));
  g_assert_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL);
  g_assert_nonnull (strstr (error->message, "no-such-control"));
}

static GHashTable *
decisions_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static void
add_decision (GHashTable            *table,
              const char            *control_id,
              const char            *resource_id,
              PostureDecisionStatus  status)
{
  PostureDecision *decision = posture_decision_new (control_id, POSTURE_DECISION_TO_ADDRESS);

  posture_decision_change (decision, status, "note", "admin@contoso", NULL);
  posture_decision_set_resource_id (decision, resource_id);
  g_hash_table_insert (table, g_strdup_printf ("%s/%s", control_id, resource_id ? resource_id : ""),
                       decision);
}

/* admin-center-example with the three controls: 18 / 32 before decisions. */
static void
test_engine_decisions (void)
{
  static const char *ids[] = { "tenant-isolation", "ip-firewall", "environment-security-group",
                               NULL };
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("admin-center-example.json");
  g_autoptr(GHashTable) decisions = decisions_new ();
  g_autoptr(PostureAssessment) assessment = NULL;
  PostureControlResult *firewall;
  PostureControlResult *group;
  GListModel *recs;
  PostureScore score;

  /* risk-accepted: no points, off the to-do list. */
  add_decision (decisions, "ip-firewall", NULL, POSTURE_DECISION_RISK_ACCEPTED);
  /* alternate-mitigation: full points, raw-earned keeps the value before the decision. */
  add_decision (decisions, "environment-security-group", NULL,
                POSTURE_DECISION_ALTERNATE_MITIGATION);
  assessment = engine_fixture_assess (snapshot, ids, decisions);

  firewall = engine_fixture_result (assessment, "ip-firewall");
  group = engine_fixture_result (assessment, "environment-security-group");
  g_assert_cmpuint (posture_control_result_get_earned (firewall), ==, 2);
  g_assert_cmpuint (posture_control_result_get_possible (firewall), ==, 11);
  g_assert_cmpint (posture_decision_get_status (posture_control_result_get_decision (firewall)), ==,
                   POSTURE_DECISION_RISK_ACCEPTED);
  g_assert_cmpuint (posture_control_result_get_earned (group), ==, 10);
  g_assert_cmpuint (posture_control_result_get_raw_earned (group), ==, 5);
  g_assert_cmpint (posture_control_result_get_status (group), ==, POSTURE_STATUS_PARTIAL);
  g_assert_cmpfloat (posture_control_result_get_gain (group), ==, 0);

  recs = posture_assessment_get_recommendations (assessment);
  g_assert_cmpuint (g_list_model_get_n_items (recs), ==, 0);

  posture_assessment_get_score (assessment, &score);
  g_assert_cmpuint (score.earned, ==, 11 + 2 + 10);
  g_assert_cmpuint (score.possible, ==, 32);
  g_clear_object (&assessment);

  /* planned feeds the projected score; the control stays on the to-do list. */
  g_hash_table_remove_all (decisions);
  add_decision (decisions, "ip-firewall", NULL, POSTURE_DECISION_PLANNED);
  add_decision (decisions, "environment-security-group", NULL, POSTURE_DECISION_THIRD_PARTY);
  assessment = engine_fixture_assess (snapshot, ids, decisions);
  posture_assessment_get_score (assessment, &score);
  g_assert_cmpuint (score.earned, ==, 11 + 2 + 10);
  posture_assessment_get_planned_score (assessment, &score);
  g_assert_cmpuint (score.earned, ==, 32);
  g_assert_cmpfloat_with_epsilon (score.percent, 100.0, 1e-9);
  g_assert_cmpint (score.level, ==, POSTURE_LEVEL_HIGH);
  recs = posture_assessment_get_recommendations (assessment);
  g_assert_cmpuint (g_list_model_get_n_items (recs), ==, 1);
  g_assert_cmpuint (posture_assessment_get_decisions (assessment)->len, ==, 2);
  g_clear_object (&assessment);

  /* A decision on one resource: third-party on one failing environment of ip-firewall. */
  g_hash_table_remove_all (decisions);
  add_decision (decisions, "ip-firewall", "00000001-1111-2222-3333-444444444444",
                POSTURE_DECISION_THIRD_PARTY);
  add_decision (decisions, "ip-firewall", "00000002-1111-2222-3333-444444444444",
                POSTURE_DECISION_PLANNED);
  assessment = engine_fixture_assess (snapshot, ids, decisions);
  firewall = engine_fixture_result (assessment, "ip-firewall");
  g_assert_cmpuint (posture_control_result_get_earned (firewall), ==, 3);
  g_assert_cmpuint (posture_control_result_get_raw_earned (firewall), ==, 2);
  posture_assessment_get_planned_score (assessment, &score);
  g_assert_cmpuint (score.earned, ==, 11 + 3 + 5 + 1);
}

static void
test_engine_what_if (void)
{
  static const char *ids[] = { "tenant-isolation", "ip-firewall", "environment-security-group",
                               NULL };
  static const char *fix_firewall[] = { "ip-firewall", NULL };
  static const char *fix_both[] = { "ip-firewall", "environment-security-group", NULL };
  static const char *fix_resources[] = {
    "ip-firewall/00000001-1111-2222-3333-444444444444",
    "ip-firewall/00000000-1111-2222-3333-444444444444",   /* already passes: no change */
    "environment-security-group/00000009-1111-2222-3333-444444444444",
    "environment-security-group/no-such-environment",
    NULL,
  };
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("admin-center-example.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, ids, NULL);
  PostureScore before;
  PostureScore after;

  posture_assessment_get_score (assessment, &before);

  posture_assessment_what_if (assessment, NULL, NULL, &after);
  g_assert_cmpuint (after.earned, ==, before.earned);

  posture_assessment_what_if (assessment, fix_firewall, NULL, &after);
  g_assert_cmpuint (after.earned, ==, 18 + 9);
  g_assert_cmpuint (after.possible, ==, 32);
  g_assert_cmpfloat_with_epsilon (after.percent - before.percent,
                                  posture_control_result_get_gain (
                                      engine_fixture_result (assessment, "ip-firewall")),
                                  1e-9);

  posture_assessment_what_if (assessment, fix_both, NULL, &after);
  g_assert_cmpuint (after.earned, ==, 32);
  g_assert_cmpint (after.level, ==, POSTURE_LEVEL_HIGH);

  posture_assessment_what_if (assessment, NULL, fix_resources, &after);
  g_assert_cmpuint (after.earned, ==, 18 + 2);

  /* Pure: the assessment is unchanged. */
  posture_assessment_get_score (assessment, &after);
  g_assert_cmpuint (after.earned, ==, before.earned);
}

static void
test_engine_json (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("admin-center-example.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  JsonObject *score;
  JsonArray *controls;
  gsize length = 0;

  text = posture_report_render (assessment, NULL, NULL, POSTURE_REPORT_FORMAT_JSON, &length,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (text), ==, length);
  parsed = json_from_string (text, &error);
  g_assert_no_error (error);
  root = json_node_get_object (parsed);

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "tenant"),
                                                  "id"),
                   ==, "11111111-2222-3333-4444-555555555555");
  g_assert_cmpstr (json_object_get_string_member (root, "assessed_at"), ==, "2026-11-28T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (root, "profile"), ==, "all");
  score = json_object_get_object_member (root, "score");
  g_assert_true (json_object_has_member (score, "percent"));
  g_assert_true (json_object_has_member (score, "level"));
  g_assert_true (json_object_has_member (score, "earned"));
  g_assert_true (json_object_has_member (score, "possible"));
  controls = json_object_get_array_member (root, "controls");
  g_assert_cmpuint (json_array_get_length (controls), ==, 29);
  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonObject *control = json_array_get_object_element (controls, i);
      JsonObject *refs = json_object_get_object_member (control, "references");

      g_assert_true (json_object_has_member (refs, "scuba"));
      g_assert_true (json_object_has_member (refs, "ppac"));
      g_assert_true (json_object_has_member (refs, "zero_trust"));
      g_assert_true (json_object_has_member (refs, "waf"));
      g_assert_nonnull (json_object_get_array_member (control, "resources"));
    }
  g_assert_nonnull (json_object_get_array_member (root, "recommendations"));
  g_assert_nonnull (json_object_get_array_member (root, "warnings"));
  /* Shortest number forms: 63.08, never 63.079999999999998. */
  g_assert_null (strstr (text, "99999999"));
  g_assert_null (strstr (text, "00000001,"));
}

/* Category and Zero Trust principle breakdowns, summed from the control results. */
static void
test_engine_breakdowns (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("partial.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(GListModel) principles = NULL;
  GListModel *models[2];
  GListModel *controls = posture_assessment_get_controls (assessment);
  guint n_manual = 0;

  g_object_get (assessment, "categories", &categories, "principles", &principles, NULL);
  models[0] = categories;
  models[1] = principles;

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      guint earned = 0;
      guint possible = 0;
      guint n_controls = 0;

      g_assert_true (g_list_model_get_item_type (models[m]) == POSTURE_TYPE_BREAKDOWN);
      g_assert_cmpuint (g_list_model_get_n_items (models[m]), >, 1);

      for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
        {
          g_autoptr(PostureBreakdown) group = g_list_model_get_item (models[m], i);
          g_autofree char *group_id = NULL;
          g_autofree char *group_label = NULL;
          guint group_earned, group_possible, group_controls, group_failing;
          double group_percent;
          PostureLevel group_level;
          guint expected_earned = 0;
          guint expected_possible = 0;
          guint expected_failing = 0;
          guint expected_controls = 0;

          /* Read as the Overview binds them: through the properties. */
          g_object_get (group, "id", &group_id, "label", &group_label, "earned", &group_earned,
                        "possible", &group_possible, "n-controls", &group_controls,
                        "n-failing", &group_failing, "percent", &group_percent,
                        "level", &group_level, NULL);
          /* Recomputed from the controls of the group. */
          for (guint c = 0; c < g_list_model_get_n_items (controls); c++)
            {
              g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, c);
              PostureControl *control = posture_control_result_get_control (result);
              PostureStatus status = posture_control_result_get_status (result);
              const char *id =
                  m == 0 ? posture_category_to_string (posture_control_get_category (control)) :
                           posture_principle_to_string (posture_control_get_principle (control));

              if (!g_str_equal (id, group_id))
                continue;
              expected_controls++;
              expected_earned += posture_control_result_get_earned (result);
              expected_possible += posture_control_result_get_possible (result);
              expected_failing += status == POSTURE_STATUS_FAIL || status == POSTURE_STATUS_PARTIAL;
            }

          g_assert_cmpuint (group_earned, ==, expected_earned);
          g_assert_cmpuint (group_possible, ==, expected_possible);
          g_assert_cmpuint (group_controls, ==, expected_controls);
          g_assert_cmpuint (group_failing, ==, expected_failing);
          g_assert_cmpuint (expected_controls, >, 0);
          g_assert_cmpuint (strlen (group_label), >, 0);
          if (expected_possible > 0)
            g_assert_cmpfloat_with_epsilon (group_percent,
                                            100.0 * expected_earned / expected_possible, 1e-9);
          else
            g_assert_cmpfloat (group_percent, ==, -1);
          g_assert_cmpint (group_level, ==, posture_level_for_percent (group_percent));

          earned += expected_earned;
          possible += expected_possible;
          n_controls += expected_controls;
        }

      /* Every control is in exactly one group. */
      g_assert_cmpuint (n_controls, ==, g_list_model_get_n_items (controls));
      {
        PostureScore score;

        posture_assessment_get_score (assessment, &score);
        g_assert_cmpuint (earned, ==, score.earned);
        g_assert_cmpuint (possible, ==, score.possible);
      }
    }

  /* Bound from the properties as the Overview does. */
  {
    g_autoptr(PostureBreakdown) first = NULL;
    g_autofree char *label = NULL;

    first = g_list_model_get_item (categories, 0);
    g_object_get (first, "label", &label, NULL);
    g_assert_cmpstr (label, ==, "Data protection");
  }

  for (guint c = 0; c < g_list_model_get_n_items (controls); c++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, c);

      n_manual += posture_control_result_get_status (result) == POSTURE_STATUS_MANUAL;
    }
  g_assert_cmpuint (n_manual, ==, 2);
}

/* The reader's notes reach the assessment's warnings (the Overview and assess show
 * them), first, each once. */
static void
test_engine_reader_warnings (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("unknown.json");
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
  const char * const *warnings = posture_assessment_get_warnings (assessment);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (strstr (warnings[0], "enableipbasedfirewallrule is unknown to the service"));
  for (guint i = 0; warnings[i] != NULL; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) warnings[i]));
  g_assert_cmpuint (g_hash_table_size (seen), >, 10);
}

static void
assess_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PostureAssessment **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = posture_engine_assess_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_engine_async (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("partial.json");
  g_autoptr(PostureAssessment) assessment = NULL;
  PostureScore score;

  posture_engine_assess_async (snapshot, NULL, NULL, assess_cb, &assessment);
  while (assessment == NULL)
    g_main_context_iteration (NULL, TRUE);

  posture_assessment_get_score (assessment, &score);
  g_assert_cmpuint (score.possible, >, 0);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *calls = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_null (posture_engine_assess_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  (*calls)++;
}

static void
test_engine_async_cancelled (void)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load ("partial.json");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint calls = 0;

  g_cancellable_cancel (cancellable);
  posture_engine_assess_async (snapshot, NULL, cancellable, cancelled_cb, &calls);
  while (calls == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (calls, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/engine/fixtures", test_engine_fixtures);
  g_test_add_func ("/posture/core/engine/coverage-of-fixtures", test_engine_coverage_of_fixtures);
  g_test_add_func ("/posture/core/engine/admin-center-example", test_engine_admin_center_example);
  g_test_add_func ("/posture/core/engine/levels", test_engine_levels);
  g_test_add_func ("/posture/core/engine/no-possible-points", test_engine_no_possible_points);
  g_test_add_func ("/posture/core/engine/unknown-points", test_engine_unknown_points);
  g_test_add_func ("/posture/core/engine/reasons", test_engine_reasons);
  g_test_add_func ("/posture/core/engine/recommendation-order", test_engine_recommendation_order);
  g_test_add_func ("/posture/core/engine/profiles", test_engine_profiles);
  g_test_add_func ("/posture/core/engine/decisions", test_engine_decisions);
  g_test_add_func ("/posture/core/engine/what-if", test_engine_what_if);
  g_test_add_func ("/posture/core/engine/json", test_engine_json);
  g_test_add_func ("/posture/core/engine/breakdowns", test_engine_breakdowns);
  g_test_add_func ("/posture/core/engine/reader-warnings", test_engine_reader_warnings);
  g_test_add_func ("/posture/core/engine/async", test_engine_async);
  g_test_add_func ("/posture/core/engine/async-cancelled", test_engine_async_cancelled);

  return g_test_run ();
}
