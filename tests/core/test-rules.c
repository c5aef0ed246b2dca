/* test-rules.c: each control's rule in detail: the traps DESIGN.md names, the reasons
 * and the evidence the views show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "engine-fixture.h"
#include "posture-engine.h"
#include "posture-error.h"
#include "posture-ip-range.h"

static PostureAssessment *
assess_fixture (const char *name)
{
  g_autoptr(PostureSnapshot) snapshot = engine_fixture_load (name);

  return engine_fixture_assess (snapshot, NULL, NULL);
}

/* The resource of @control whose display name is @name. */
static PostureResourceResult *
resource_named (PostureAssessment *assessment,
                const char        *control,
                const char        *name)
{
  PostureControlResult *result = engine_fixture_result (assessment, control);

  for (guint i = 0; i < posture_control_result_get_n_resources (result); i++)
    {
      PostureResourceResult *resource = posture_control_result_get_resource (result, i);

      if (g_str_equal (posture_resource_result_get_name (resource), name))
        return resource;
    }

  g_error ("%s has no resource named %s", control, name);
  return NULL;
}

static PostureResourceResult *
tenant_resource (PostureAssessment *assessment,
                 const char        *control)
{
  return posture_control_result_get_resource (engine_fixture_result (assessment, control), 0);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("\"%s\" does not contain \"%s\"", text ? text : "(null)", needle);
}

static gboolean
warned (PostureAssessment *assessment,
        const char        *needle)
{
  const char * const *warnings = posture_assessment_get_warnings (assessment);

  for (guint i = 0; warnings[i] != NULL; i++)
    if (strstr (warnings[i], needle) != NULL)
      return TRUE;

  return FALSE;
}

/* ---- IP firewall -------------------------------------------------------- */

static void
test_rules_ip_range (void)
{
  static const struct { const char *entry; gboolean ok; const char *problem; } cases[] = {
    { "10.0.0.0/8", TRUE, NULL },
    { "10.0.0.0/7", FALSE, "wider than /8" },
    { "0.0.0.0/0", FALSE, "wider than /8" },
    { "192.168.1.77/24", TRUE, NULL },        /* host bits beyond the prefix: tolerated */
    { "192.168.1.77", TRUE, NULL },
    { "192.168.1.77/32", TRUE, NULL },
    { "192.168.1.77/33", FALSE, "no valid prefix" },
    { "192.168.1.77/", FALSE, "no valid prefix" },
    { "192.168.1.77/+8", FALSE, "no valid prefix" },
    { "192.168.1.77/ 8", FALSE, "no valid prefix" },
    { "192.168.1.77/0008", FALSE, "no valid prefix" },
    { "256.1.1.1", FALSE, "not an IPv4 or IPv6" },
    { "1.2.3", FALSE, "not an IPv4 or IPv6" },
    { "1.2.3.4.5", FALSE, "not an IPv4 or IPv6" },
    { "1..3.4", FALSE, "not an IPv4 or IPv6" },
    { "0001.2.3.4", FALSE, "not an IPv4 or IPv6" },
    { "2001:db8::/16", TRUE, NULL },
    { "2001:db8::/15", FALSE, "wider than /16" },
    { "::/0", FALSE, "wider than /16" },
    { "2001:db8::1", TRUE, NULL },
    { "::ffff:10.0.0.1/120", TRUE, NULL },
    { "2001:db8::/129", FALSE, "no valid prefix" },
    { "fe80::1%eth0", FALSE, "not an IPv4 or IPv6" },
    { "2001:db8:::1", FALSE, "not an IPv4 or IPv6" },
    { "*", FALSE, "not an IPv4 or IPv6" },
    { "", FALSE, "not an IPv4 or IPv6" },
    { "\033[31m10.0.0.0/8", FALSE, "\\x1b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = NULL;

      g_test_message ("%s", cases[i].entry);
      g_assert_cmpint (posture_ip_range_check (cases[i].entry, &problem) == POSTURE_IP_RANGE_VALID,
                       ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_null (problem);
      else
        {
          assert_contains (problem, cases[i].problem);
          g_assert_null (strchr (problem, '\033'));
        }
    }
}

static void
test_rules_ip_firewall (void)
{
  static const struct { const char *name; PostureResult status; const char *reason; } cases[] = {
    { "fw-open", POSTURE_RESULT_FAIL, "0.0.0.0/0 is wider than /8" },
    { "fw-slash8", POSTURE_RESULT_PASS, "allow-list of 1 range" },
    { "fw-slash7", POSTURE_RESULT_FAIL, "10.0.0.0/7 is wider than /8" },
    { "fw-v6-16", POSTURE_RESULT_PASS, "allow-list of 1 range" },
    { "fw-v6-15", POSTURE_RESULT_FAIL, "2001:db8::/15 is wider than /16" },
    { "fw-host-bits", POSTURE_RESULT_PASS, "allow-list of 2 ranges" },
    { "fw-garbage", POSTURE_RESULT_FAIL, "\"not-an-address\" is not an IPv4 or IPv6" },
    { "fw-bad-prefix", POSTURE_RESULT_FAIL, "\"10.0.0.0/33\" has no valid prefix" },
    { "fw-zone", POSTURE_RESULT_FAIL, "\"fe80::1%eth0\"" },
    { "fw-empty", POSTURE_RESULT_FAIL, "empty allow-list" },
    { "fw-second-list", POSTURE_RESULT_PASS, "allow-list of 1 range" },
    { "fw-no-lists", POSTURE_RESULT_UNKNOWN, "allowedlistofiprangesforfirewall" },
    { "fw-audit", POSTURE_RESULT_FAIL, "audit mode" },
  };
  g_autoptr(PostureAssessment) assessment = assess_fixture ("firewall-ranges.json");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PostureResourceResult *resource = resource_named (assessment, "ip-firewall", cases[i].name);

      g_test_message ("%s: %s", cases[i].name, posture_resource_result_get_reason (resource));
      g_assert_cmpint (posture_resource_result_get_status (resource), ==, cases[i].status);
      assert_contains (posture_resource_result_get_reason (resource), cases[i].reason);
    }

  /* The evidence in words: on, audit mode off, the ranges. */
  {
    PostureResourceResult *resource = resource_named (assessment, "ip-firewall", "fw-host-bits");

    g_assert_cmpuint (posture_resource_result_get_n_evidence (resource), ==, 3);
    g_assert_cmpstr (posture_resource_result_get_evidence_title (resource, 0), ==, "IP firewall");
    g_assert_cmpstr (posture_resource_result_get_evidence_value (resource, 0), ==, "On");
    g_assert_cmpstr (posture_resource_result_get_evidence_title (resource, 1), ==, "Audit mode");
    g_assert_cmpstr (posture_resource_result_get_evidence_value (resource, 1), ==, "Off");
    g_assert_cmpstr (posture_resource_result_get_evidence_key (resource, 2), ==,
                     "allowediprangeforfirewall");
    g_assert_cmpstr (posture_resource_result_get_evidence_value (resource, 2), ==,
                     "192.168.1.77/24, 2001:db8::1");
  }
}

/* ---- Conditional Access ------------------------------------------------- */

static void
test_rules_conditional_access (void)
{
  static const struct { const char *fixture; PostureResult status; const char *reason; } cases[] = {
    { "all-pass.json", POSTURE_RESULT_PASS, "\"Require MFA for everyone\" requires MFA" },
    { "ca-office365-trap.json", POSTURE_RESULT_FAIL,
      "targets the Office 365 app group, which does not cover Dataverse or the Microsoft Flow" },
    { "ca-three-apps.json", POSTURE_RESULT_PASS, "\"Power Platform MFA\"" },
    { "ca-two-apps.json", POSTURE_RESULT_FAIL, "targets neither all cloud apps nor Dataverse" },
    { "ca-excluded.json", POSTURE_RESULT_FAIL, "excludes Microsoft Flow Service" },
    { "ca-or-trap.json", POSTURE_RESULT_FAIL, "can be satisfied without MFA" },
    { "ca-and.json", POSTURE_RESULT_PASS, "\"MFA and compliant device\"" },
    { "ca-strength.json", POSTURE_RESULT_PASS, "\"Phishing-resistant\"" },
    { "ca-block.json", POSTURE_RESULT_PASS, "\"Block everyone\"" },
    { "ca-legacy-clients.json", POSTURE_RESULT_FAIL,
      "only to some client apps (exchangeActiveSync, other)" },
    { "ca-browser-and-apps.json", POSTURE_RESULT_PASS, "\"Modern clients\"" },
    { "ca-some-users.json", POSTURE_RESULT_FAIL, "does not apply to all users" },
    { "ca-report-only.json", POSTURE_RESULT_FAIL, "\"Report only\" is in report-only mode" },
    { "ca-none.json", POSTURE_RESULT_FAIL, "there is no Conditional Access policy" },
    { "ca-security-defaults.json", POSTURE_RESULT_PASS, "Security defaults are on" },
    { "graph-403.json", POSTURE_RESULT_UNKNOWN, "grant the app the Policy.Read.All permission" },
    { "legacy-v1.json", POSTURE_RESULT_UNKNOWN, "predates the control" },
    { "unknown.json", POSTURE_RESULT_UNKNOWN, "holds no record of" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PostureAssessment) assessment = assess_fixture (cases[i].fixture);
      PostureResourceResult *resource = tenant_resource (assessment, "conditional-access-mfa");

      g_test_message ("%s: %s", cases[i].fixture, posture_resource_result_get_reason (resource));
      g_assert_cmpint (posture_resource_result_get_status (resource), ==, cases[i].status);
      assert_contains (posture_resource_result_get_reason (resource), cases[i].reason);

      /* A policy that would count but only reports raises a warning. */
      g_assert_cmpint (warned (assessment, "in report-only mode: it enforces nothing"), ==,
                       g_str_equal (cases[i].fixture, "ca-report-only.json"));
    }
}

/* ---- Global Administrators ---------------------------------------------- */

static void
test_rules_global_admins (void)
{
  static const struct { const char *fixture; PostureResult status; const char *reason; } cases[] = {
    /* Alex and Break Glass directly, Grace through the group (Break Glass once), the
     * service principal and the nested group are no people. */
    { "all-pass.json", POSTURE_RESULT_PASS, "3 people hold Global Administrator" },
    { "all-fail.json", POSTURE_RESULT_FAIL,
      "1 person holds Global Administrator; keep at least 2" },
    { "global-admins-five.json", POSTURE_RESULT_FAIL, "5 people hold Global Administrator; "
                                                      "Microsoft recommends fewer than 5" },
    { "graph-403.json", POSTURE_RESULT_UNKNOWN, "RoleManagement.Read.Directory permission" },
    { "group-members-403.json", POSTURE_RESULT_UNKNOWN,
      "the members of group \"Tenant admins\" (HTTP 403" },
    { "tolerant.json", POSTURE_RESULT_PASS, "2 people hold Global Administrator" },
    { "legacy-v1.json", POSTURE_RESULT_UNKNOWN, "predates the control" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PostureAssessment) assessment = assess_fixture (cases[i].fixture);
      PostureResourceResult *resource = tenant_resource (assessment, "global-admin-count");

      g_test_message ("%s: %s", cases[i].fixture, posture_resource_result_get_reason (resource));
      g_assert_cmpint (posture_resource_result_get_status (resource), ==, cases[i].status);
      assert_contains (posture_resource_result_get_reason (resource), cases[i].reason);
    }

  {
    g_autoptr(PostureAssessment) assessment = assess_fixture ("all-pass.json");
    PostureResourceResult *resource = tenant_resource (assessment, "global-admin-count");

    g_assert_cmpstr (posture_resource_result_get_evidence_title (resource, 0), ==,
                     "Global Administrators");
    g_assert_cmpstr (posture_resource_result_get_evidence_value (resource, 0), ==,
                     "3 (Alex Admin, Break Glass, Grace Group)");
  }
}

/* ---- System Administrators ---------------------------------------------- */

static void
test_rules_admin_privileges (void)
{
  static const struct { const char *name; PostureResult status; const char *reason; } cases[] = {
    /* 10 people and an application user: the application user is not counted. */
    { "Contoso (default)", POSTURE_RESULT_PASS, "10 people hold System Administrator" },
    { "Prod A", POSTURE_RESULT_UNKNOWN, "without the accessmode column" },
    { "Eleven", POSTURE_RESULT_FAIL, "11 people hold System Administrator; the admin center" },
    /* The zero GUID is no application: that user counts. */
    { "Zero-GUID application", POSTURE_RESULT_FAIL, "11 people" },
  };
  g_autoptr(PostureAssessment) assessment = assess_fixture ("admins.json");
  g_autoptr(PostureAssessment) all_pass = assess_fixture ("all-pass.json");
  g_autoptr(PostureAssessment) unknown = assess_fixture ("unknown.json");
  PostureResourceResult *resource;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      resource = resource_named (assessment, "admin-privileges", cases[i].name);
      g_test_message ("%s: %s", cases[i].name, posture_resource_result_get_reason (resource));
      g_assert_cmpint (posture_resource_result_get_status (resource), ==, cases[i].status);
      assert_contains (posture_resource_result_get_reason (resource), cases[i].reason);
    }
  assert_contains (posture_resource_result_get_reason (resource_named (assessment,
                                                                       "admin-privileges",
                                                                       "Contoso (default)")),
                   "1 disabled, application or non-interactive account is not counted");

  /* Two role copies, 8 users each: 3 people; an application user, a disabled one, a
   * non-interactive one and one without an Entra object are left out. */
  resource = resource_named (all_pass, "admin-privileges", "Prod A");
  assert_contains (posture_resource_result_get_reason (resource), "3 people hold System "
                                                                  "Administrator");
  assert_contains (posture_resource_result_get_reason (resource), "4 disabled");
  g_assert_cmpstr (posture_resource_result_get_evidence_value (resource, 0), ==, "3 people");

  resource = resource_named (unknown, "admin-privileges", "Contoso (default)");
  assert_contains (posture_resource_result_get_reason (resource), "HTTP 403");
  resource = resource_named (unknown, "admin-privileges", "Prod A");
  assert_contains (posture_resource_result_get_reason (resource), "holds no System Administrators");
  resource = resource_named (unknown, "admin-privileges", "Prod B");
  assert_contains (posture_resource_result_get_reason (resource), "without its users");
}

/* ---- App access control and guest access -------------------------------- */

static void
test_rules_app_access (void)
{
  static const struct { const char *name; PostureResult status; const char *reason; } cases[] = {
    { "app-enforced", POSTURE_RESULT_PASS,
      "is enforced (applicationbasedaccesscontrolmode is 1) for 1 app" },
    { "app-roles", POSTURE_RESULT_PASS, "mode is 3) for 1 app" },
    { "app-audit", POSTURE_RESULT_FAIL, "only audits" },
    { "app-off", POSTURE_RESULT_FAIL, "is off (applicationbasedaccesscontrolmode is 0)" },
    { "app-no-apps", POSTURE_RESULT_FAIL, "lists no allowed or blocked app" },
    { "app-null-mode", POSTURE_RESULT_FAIL, "is off" },
  };
  g_autoptr(PostureAssessment) assessment = assess_fixture ("app-access.json");
  g_autoptr(PostureAssessment) legacy = assess_fixture ("legacy-v1.json");
  PostureResourceResult *resource;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      resource = resource_named (assessment, "app-access-control", cases[i].name);
      g_test_message ("%s: %s", cases[i].name, posture_resource_result_get_reason (resource));
      g_assert_cmpint (posture_resource_result_get_status (resource), ==, cases[i].status);
      assert_contains (posture_resource_result_get_reason (resource), cases[i].reason);
    }
  resource = resource_named (assessment, "app-access-control", "app-audit");
  g_assert_cmpstr (posture_resource_result_get_evidence_value (resource, 0), ==, "Audit only");

  /* null is a value: false. */
  resource = resource_named (assessment, "guest-access-restricted", "app-null-mode");
  g_assert_cmpint (posture_resource_result_get_status (resource), ==, POSTURE_RESULT_FAIL);
  assert_contains (posture_resource_result_get_reason (resource),
                   "Restricted guest access is off (restrictGuestUserAccess is null)");

  /* A version 1 snapshot predates the control. */
  resource = resource_named (legacy, "guest-access-restricted", "Prod A");
  assert_contains (posture_resource_result_get_reason (resource),
                   "predates the control (format 1)");
  resource = resource_named (legacy, "app-access-control", "Prod A");
  assert_contains (posture_resource_result_get_reason (resource), "predates the control");
}

/* ---- Data policies ------------------------------------------------------ */

static void
test_rules_dlp (void)
{
  static const struct { const char *fixture; const char *control; const char *reason; } cases[] = {
    { "connectors-general-default.json", "dlp-default-environment-connectors",
      "defaultConnectorsClassification is not Blocked" },
    { "connectors-outside.json", "dlp-default-environment-connectors",
      "2 connectors outside the allow-list can be used in the default environment: "
      "Twitter, Dropbox" },
    { "connectors-blocked-elsewhere.json", "dlp-default-environment-connectors",
      "Only allow-listed connectors can be used in the default environment (2 usable)" },
    { "connectors-uncovered.json", "dlp-default-environment-connectors",
      "No data policy covers the default environment" },
    { "dlp-SingleEnvironment.json", "dlp-tenant-policy",
      "All 2 data policies apply to listed environments only" },
    { "dlp-SingleEnvironment.json", "dlp-default-environment",
      "\"default-env\" covers the default" },
    { "no-default.json", "dlp-default-environment", "holds no default environment" },
    { "no-default.json", "dlp-default-environment-connectors", "holds no default environment" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PostureAssessment) assessment = assess_fixture (cases[i].fixture);

      assert_contains (posture_resource_result_get_reason (tenant_resource (assessment,
                                                                            cases[i].control)),
                       cases[i].reason);
    }

  /* An environment-level policy covers its environment. */
  {
    g_autoptr(PostureAssessment) assessment = assess_fixture ("dlp-SingleEnvironment.json");

    assert_contains (posture_resource_result_get_reason (resource_named (assessment,
                                                                         "dlp-environment-coverage",
                                                                         "Prod A")),
                     "Covered by data policy \"prod-a\" (SingleEnvironment)");
    /* The unknown default environment raises a warning. */
  }
  {
    g_autoptr(PostureAssessment) assessment = assess_fixture ("no-default.json");

    g_assert_true (warned (assessment, "No environment is the default environment"));
    g_assert_true (warned (assessment, "not assessed: The snapshot holds no default environment"));
  }
}

/* ---- Evidence and human names (issue 16) -------------------------------- */

static void
test_rules_evidence (void)
{
  g_autoptr(PostureAssessment) assessment = assess_fixture ("all-fail.json");
  GListModel *controls = posture_assessment_get_controls (assessment);
  PostureResourceResult *resource;
  g_autofree char *evidence = NULL;
  g_autofree char *setting_title = NULL;

  /* Every result names what it read, by its human title. */
  for (guint c = 0; c < g_list_model_get_n_items (controls); c++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, c);
      PostureControl *control = posture_control_result_get_control (result);

      if (posture_control_get_manual (control))
        continue;

      for (guint r = 0; r < posture_control_result_get_n_resources (result); r++)
        {
          resource = posture_control_result_get_resource (result, r);

          g_test_message ("%s: %s", posture_control_get_id (control),
                          posture_resource_result_get_reason (resource));
          g_assert_cmpuint (posture_resource_result_get_n_evidence (resource), >=, 1);
          for (guint e = 0; e < posture_resource_result_get_n_evidence (resource); e++)
            {
              const char *key = posture_resource_result_get_evidence_key (resource, e);
              const char *title = posture_resource_result_get_evidence_title (resource, e);

              g_assert_true (posture_control_lookup_setting_title (control, key) == title);
              g_assert_cmpstr (title, !=, key);
              g_assert_cmpuint (strlen (posture_resource_result_get_evidence_value (resource, e)),
                                >, 0);
            }

          /* The reason speaks of the setting by its title; the API field is secondary. */
          if (posture_resource_result_get_status (resource) != POSTURE_RESULT_UNKNOWN &&
              posture_control_get_scope (control) == POSTURE_SCOPE_TENANT &&
              g_str_has_suffix (posture_control_get_id (control), "-only"))
            g_assert_true (g_str_has_prefix (posture_resource_result_get_reason (resource),
                                             posture_resource_result_get_evidence_title (resource,
                                                                                         0)));
        }
    }

  resource = tenant_resource (assessment, "share-with-everyone-disabled");
  g_assert_cmpstr (posture_resource_result_get_reason (resource), ==,
                   "Share with Everyone is on (powerPlatform.powerApps.disableShareWithEveryone is "
                   "false)");
  g_object_get (resource, "evidence", &evidence, "setting-title", &setting_title, NULL);
  g_assert_cmpstr (evidence, ==, "Share with Everyone: On");
  g_assert_cmpstr (setting_title, ==, "Share with Everyone");

  resource = resource_named (assessment, "content-security-policy", "Prod A");
  g_assert_cmpstr (posture_resource_result_get_reason (resource), ==,
                   "Content security policy for model-driven apps is on "
                   "(iscontentsecuritypolicyenabled is true); Content security policy for canvas "
                   "apps is off (iscontentsecuritypolicyenabledforcanvas is false)");

  /* A missing setting takes the service's default, false, and says so. */
  {
    g_autoptr(PostureAssessment) tolerant = assess_fixture ("tolerant.json");

    resource = tenant_resource (tolerant, "developer-env-creation-admins-only");
    assert_contains (posture_resource_result_get_reason (resource),
                     "is not set, which means false");
    g_assert_cmpstr (posture_resource_result_get_evidence_value (resource, 0), ==, "On (not set)");
    /* A row lacking a column is unknown, and says which. */
    resource = resource_named (tolerant, "ip-cookie-binding",
                               "aaaaaaaa-0000-0000-0000-000000000001");
    g_assert_cmpint (posture_resource_result_get_status (resource), ==, POSTURE_RESULT_UNKNOWN);
    assert_contains (posture_resource_result_get_reason (resource),
                     "lack IP address-based cookie binding (enableipbasedcookiebinding)");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/rules/ip-range", test_rules_ip_range);
  g_test_add_func ("/posture/core/rules/ip-firewall", test_rules_ip_firewall);
  g_test_add_func ("/posture/core/rules/conditional-access", test_rules_conditional_access);
  g_test_add_func ("/posture/core/rules/global-admins", test_rules_global_admins);
  g_test_add_func ("/posture/core/rules/admin-privileges", test_rules_admin_privileges);
  g_test_add_func ("/posture/core/rules/app-access", test_rules_app_access);
  g_test_add_func ("/posture/core/rules/dlp", test_rules_dlp);
  g_test_add_func ("/posture/core/rules/evidence", test_rules_evidence);

  return g_test_run ();
}
