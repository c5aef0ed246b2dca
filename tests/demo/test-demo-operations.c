/* test-demo-operations.c: the demo tenant's long-running writes, over loopback HTTP:
 * governance configuration (202, lifecycle operation, 409, refusals, validation) and
 * asynchronous tenant isolation writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "demo-test-util.h"
#include "posture-json.h"

#define GOVERNANCE(env) \
  "/providers/Microsoft.BusinessAppPlatform/environments/" env \
  "/governanceConfiguration?api-version=2021-04-01"

/* The nine extendedSettings Microsoft's provider always sends, as strings. */
#define NINE_SETTINGS \
  "\"excludeEnvironmentFromAnalysis\":\"false\",\"isGroupSharingDisabled\":\"true\"," \
  "\"maxLimitUserSharing\":\"25\",\"disableAiGeneratedDescriptions\":\"false\"," \
  "\"includeOnHomepageInsights\":\"false\"," \
  "\"limitSharingMode\":\"excludeSharingToSecurityGroups\",\"solutionCheckerMode\":\"warn\"," \
  "\"suppressValidationEmails\":\"true\",\"solutionCheckerRuleOverrides\":\"\""

static const char *
protection_level (Fixture    *f,
                  const char *token,
                  const char *env)
{
  g_autoptr(Response) r = NULL;
  JsonObject *o = get_environment (f, token, env, &r);
  static char level[16];

  g_strlcpy (level, posture_json_get_path_string (o, "properties.governanceConfiguration."
                                                     "protectionLevel"), sizeof level);
  return level;
}

static JsonObject *
extended_settings (Fixture    *f,
                   const char *token,
                   const char *env,
                   Response  **out)
{
  JsonObject *o = get_environment (f, token, env, out);

  return posture_json_get_path_object (o, "properties.governanceConfiguration.settings."
                                          "extendedSettings");
}

/* ---- Governance: 202, then the operation ------------------------------------------------- */

static void
test_governance_accepted_then_polled (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) write = NULL;
  g_autoptr(Response) after = NULL;
  g_autofree char *location = NULL;
  JsonObject *ext;

  g_assert_cmpstr (protection_level (f, token, HR), ==, "Basic");
  write = request (f, "POST", GOVERNANCE (HR), token,
                   "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
                   NINE_SETTINGS "}}}");
  g_assert_cmpuint (write->status, ==, 202);
  g_assert_null (write->json);
  g_assert_cmpstr (soup_message_headers_get_one (write->headers, "Retry-After"), ==, "1");
  location = g_strdup (soup_message_headers_get_one (write->headers, "Location"));
  g_assert_true (g_str_has_prefix (location, f->base));
  g_assert_nonnull (
      strstr (location, "/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/"));
  g_assert_nonnull (strstr (location, "api-version="));

  /* Accepted is not done: the environment is unchanged until the operation completes. */
  g_assert_cmpstr (protection_level (f, token, HR), ==, "Basic");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Response) poll = request (f, "GET", location, token, NULL);
      g_autofree char *suffix = NULL;
      JsonObject *op = obj (poll);
      JsonArray *stages = json_object_get_array_member (op, "stages");

      g_assert_cmpuint (poll->status, ==, 200);
      g_assert_cmpstr (posture_json_get_path_string (op, "state.id"), ==, "Running");
      g_assert_cmpstr (soup_message_headers_get_one (poll->headers, "Retry-After"), ==, "1");
      g_assert_cmpstr (posture_json_get_path_string (op, "type.id"), ==,
                       "EnableGovernanceConfiguration");
      g_assert_cmpstr (json_object_get_string_member (op, "typeDisplayName"), ==,
                       "Enable Managed Environment");
      g_assert_cmpstr (posture_json_get_path_string (op, "links.environment.path"), ==,
                       "/providers/Microsoft.BusinessAppPlatform/environments/" HR);
      suffix = g_strconcat (json_object_get_string_member (op, "id"), "?api-version=2023-06-01",
                            NULL);
      g_assert_true (g_str_has_suffix (location, suffix));
      g_assert_cmpstr (posture_json_get_path_string (op, "requestedBy.type"), ==,
                       "ServicePrincipal");
      g_assert_cmpuint (json_array_get_length (stages), ==, 3);
      g_assert_cmpstr (posture_json_get_path_string (json_array_get_object_element (stages, 2),
                                                     "state.id"), ==, "Running");
      g_assert_cmpstr (protection_level (f, token, HR), ==, "Basic");
    }

  {
    g_autoptr(Response) done = request (f, "GET", location, token, NULL);
    g_autoptr(Response) again = request (f, "GET", location, token, NULL);
    JsonArray *stages = json_object_get_array_member (obj (done), "stages");

    g_assert_cmpuint (done->status, ==, 200);
    g_assert_cmpstr (posture_json_get_path_string (obj (done), "state.id"), ==, "Succeeded");
    g_assert_null (soup_message_headers_get_one (done->headers, "Retry-After"));
    g_assert_cmpuint (json_array_get_length (stages), ==, 4);
    for (guint i = 0; i < 4; i++)
      g_assert_cmpstr (posture_json_get_path_string (json_array_get_object_element (stages, i),
                                                     "state.id"), ==, "Succeeded");
    g_assert_cmpstr (posture_json_get_path_string (obj (again), "state.id"), ==, "Succeeded");
  }

  g_assert_cmpstr (protection_level (f, token, HR), ==, "Standard");
  ext = extended_settings (f, token, HR, &after);
  g_assert_cmpstr (json_object_get_string_member (ext, "limitSharingMode"), ==,
                   "excludeSharingToSecurityGroups");
  g_assert_cmpstr (json_object_get_string_member (ext, "maxLimitUserSharing"), ==, "25");
  g_assert_cmpstr (json_object_get_string_member (ext, "isGroupSharingDisabled"), ==, "true");
  g_assert_cmpstr (json_object_get_string_member (ext, "solutionCheckerMode"), ==, "warn");
  /* What the caller left out takes the service's defaults, as strings too. */
  g_assert_cmpstr (json_object_get_string_member (ext, "bot-maxLimitUserSharing"), ==, "-1");
}

static void
test_governance_busy_then_update (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) busy = NULL;
  g_autoptr(Response) done = NULL;
  g_autoptr(Response) update = NULL;
  g_autoptr(Response) update_done = NULL;
  g_autoptr(Response) env = NULL;
  const char *body = "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
                     NINE_SETTINGS "}}}";
  guint running = 0;

  first = request (f, "POST", GOVERNANCE (FIELDSVC), token, body);
  g_assert_cmpuint (first->status, ==, 202);

  /* A second write while the first runs: 409, the provider's OperationNotStartable. */
  busy = request (f, "POST", GOVERNANCE (FIELDSVC), token, body);
  assert_bap_error (busy, 409, "OperationNotStartable");
  g_assert_nonnull (strstr (error_message (busy), FIELDSVC));
  g_assert_cmpstr (posture_json_get_path_string (obj (busy), "error.detailUrlType"), ==,
                   "NotSpecified");

  done = poll_operation (f, token, soup_message_headers_get_one (first->headers, "Location"),
                         &running);
  g_assert_cmpuint (running, ==, 2);
  g_assert_cmpstr (protection_level (f, token, FIELDSVC), ==, "Standard");

  /* Managed now: the same call updates it, as a new operation. */
  update = request (f, "POST", GOVERNANCE (FIELDSVC), token,
                   "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":"
                   "{\"maxLimitUserSharing\":\"5\"}}}");
  g_assert_cmpuint (update->status, ==, 202);
  update_done = poll_operation (f, token, soup_message_headers_get_one (update->headers,
                                                                        "Location"), NULL);
  g_assert_cmpstr (posture_json_get_path_string (obj (update_done), "type.id"), ==,
                   "UpdateGovernanceConfiguration");
  /* The POST replaces the settings: what it left out went back to the defaults. */
  g_assert_cmpstr (json_object_get_string_member (extended_settings (f, token, FIELDSVC, &env),
                                                  "limitSharingMode"), ==, "noLimit");
}

static void
test_governance_group_and_refusals (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  const char *body = "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{}}}";
  struct { const char *path; const char *env; const char *start; } refused[] = {
    { GOVERNANCE (MKTTRIAL), MKTTRIAL, "EnableGovernanceConfiguration cannot be performed on "
                                       "environment of type Trial." },
    { GOVERNANCE (ALEXDEV), ALEXDEV, "EnableGovernanceConfiguration cannot be performed on "
                                     "environment of type Developer." },
    { GOVERNANCE (INTRANET), INTRANET, "EnableGovernanceConfiguration cannot be performed "
                                       "because there is no linked CDS instance" },
  };
  g_autoptr(Response) group = request (f, "POST", GOVERNANCE (UAT), token, body);

  /* Governed by its environment group: 409 with no body, the environment unchanged. */
  g_assert_cmpuint (group->status, ==, 409);
  g_assert_null (group->json);
  g_assert_null (soup_message_headers_get_one (group->headers, "Location"));
  g_assert_cmpstr (protection_level (f, token, UAT), ==, "Standard");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Response) r = request (f, "POST", refused[i].path, token, body);

      assert_bap_error (r, 400, "OperationNotAllowed");
      g_assert_true (g_str_has_prefix (error_message (r), refused[i].start));
      g_assert_cmpstr (protection_level (f, token, refused[i].env), ==, "Basic");
    }
}

static void
test_governance_validation (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  struct { const char *body; const char *needle; } bad[] = {
    { "{\"protectionLevel\":\"Premium\"}", "protectionLevel" },
    { "{\"settings\":{\"extendedSettings\":{}}}", "protectionLevel" },
    { "{\"protectionLevel\":\"Standard\",\"makerOnboarding\":\"x\"}",
      "Could not find member 'makerOnboarding' on object of type "
      "'GovernanceConfigurationDefinition'" },
    { "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
      "\"makerOnboardingUrl\":\"https://contoso.com\"}}}",
      "Could not find member 'makerOnboardingUrl' on object of type "
      "'GovernanceConfigurationExtendedSettingsDefinition'. Path "
      "'settings.extendedSettings.makerOnboardingUrl'" },
    { "{\"protectionLevel\":\"Standard\",\"settings\":{\"other\":{}}}",
      "'GovernanceConfigurationSettingsDefinition'" },
    { "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
      "\"maxLimitUserSharing\":10}}}", "extended settings are strings" },
    { "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
      "\"isGroupSharingDisabled\":true}}}", "extended settings are strings" },
    { "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
      "\"limitSharingMode\":\"everyone\"}}}", "limitSharingMode" },
    { "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
      "\"maxLimitUserSharing\":\"0\"}}}", "maxLimitUserSharing" },
    { "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
      "\"solutionCheckerMode\":\"strict\"}}}", "solutionCheckerMode" },
    { "{\"protectionLevel\":\"Standard\",\"settings\":[]}", "settings" },
    { "[]", "governanceConfiguration" },
    { "{\"protectionLevel\":", "could not be deserialized" },
  };
  g_autoptr(Response) no_version = NULL;
  g_autoptr(Response) admin_scope = NULL;
  g_autoptr(Response) get = NULL;
  g_autoptr(Response) missing = NULL;
  g_autoptr(Response) empty = NULL;
  g_autoptr(Response) cased = NULL;
  g_autoptr(Response) env = NULL;
  JsonObject *ext;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(Response) r = request (f, "POST", GOVERNANCE (HR), token, bad[i].body);

      g_test_message ("%s", bad[i].body);
      assert_bap_error (r, 400, "InvalidRequestContent");
      g_assert_nonnull (strstr (error_message (r), bad[i].needle));
    }
  g_assert_cmpstr (protection_level (f, token, HR), ==, "Basic");

  no_version = request (f, "POST", "/providers/Microsoft.BusinessAppPlatform/environments/" HR
                        "/governanceConfiguration", token, "{\"protectionLevel\":\"Standard\"}");
  assert_bap_error (no_version, 400, "MissingApiVersionParameter");
  admin_scope = request (f, "POST", "/providers/Microsoft.BusinessAppPlatform/scopes/admin/"
                         "environments/" HR "/governanceConfiguration?api-version=2021-04-01",
                         token, "{\"protectionLevel\":\"Standard\"}");
  g_assert_cmpuint (admin_scope->status, ==, 404);
  get = request (f, "GET", GOVERNANCE (HR), token, NULL);
  assert_bap_error (get, 405, "MethodNotAllowed");
  missing = request (f, "POST", GOVERNANCE ("00000000-1111-4222-8333-444444444444"), token,
                     "{\"protectionLevel\":\"Standard\"}");
  assert_bap_error (missing, 404, "EnvironmentNotFound");

  /* Json.NET matches member names and enum values case-insensitively; the admin
   * module's own example sends an empty extendedSettings. */
  cased = request (f, "POST", GOVERNANCE (HR), token,
                   "{\"ProtectionLevel\":\"standard\",\"Settings\":{\"ExtendedSettings\":{"
                   "\"LimitSharingMode\":\"ExcludeSharingToSecurityGroups\"}}}");
  g_assert_cmpuint (cased->status, ==, 202);
  empty = poll_operation (f, token, soup_message_headers_get_one (cased->headers, "Location"),
                          NULL);
  ext = extended_settings (f, token, HR, &env);
  g_assert_cmpstr (json_object_get_string_member (ext, "limitSharingMode"), ==,
                   "excludeSharingToSecurityGroups");
}

static void
test_governance_empty_and_disable (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) enable = NULL;
  g_autoptr(Response) enabled = NULL;
  g_autoptr(Response) env = NULL;
  g_autoptr(Response) disable = NULL;
  g_autoptr(Response) disabled = NULL;
  g_autoptr(Response) after = NULL;
  JsonObject *ext;
  JsonObject *props;

  /* Set-AdminPowerAppEnvironmentGovernanceConfiguration's example: empty settings. */
  enable = request (f, "POST", GOVERNANCE (HR), token,
                    "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{}}}");
  g_assert_cmpuint (enable->status, ==, 202);
  enabled = poll_operation (f, token, soup_message_headers_get_one (enable->headers, "Location"),
                            NULL);
  ext = extended_settings (f, token, HR, &env);
  g_assert_cmpuint (json_object_get_size (ext), ==, 14);
  g_assert_cmpstr (json_object_get_string_member (ext, "limitSharingMode"), ==, "noLimit");
  g_assert_cmpstr (json_object_get_string_member (ext, "maxLimitUserSharing"), ==, "-1");

  /* Disabling, as the provider does it: protectionLevel Basic alone. */
  disable = request (f, "POST", GOVERNANCE (FINANCE), token, "{\"protectionLevel\":\"Basic\"}");
  g_assert_cmpuint (disable->status, ==, 202);
  disabled = poll_operation (f, token, soup_message_headers_get_one (disable->headers,
                                                                     "Location"), NULL);
  g_assert_cmpstr (posture_json_get_path_string (obj (disabled), "type.id"), ==,
                   "DisableGovernanceConfiguration");
  props = json_object_get_object_member (get_environment (f, token, FINANCE, &after),
                                         "properties");
  g_assert_cmpstr (posture_json_get_path_string (props, "governanceConfiguration.protectionLevel"),
                   ==, "Basic");
  g_assert_null (posture_json_get_path_object (props, "governanceConfiguration.settings"));
}

/* ---- Operations ----------------------------------------------------------------------------- */

static void
test_operation_completes_unpolled (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) write = NULL;
  g_autoptr(Response) poll = NULL;

  /* Nobody polls; the service finishes anyway once its time is up. */
  posture_demo_server_set_operation_polls (f->server, 5, 0, 0);
  write = request (f, "POST", GOVERNANCE (HR), token,
                   "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{}}}");
  g_assert_cmpuint (write->status, ==, 202);
  g_assert_cmpstr (soup_message_headers_get_one (write->headers, "Retry-After"), ==, "0");
  g_assert_cmpstr (protection_level (f, token, HR), ==, "Standard");
  poll = request (f, "GET", soup_message_headers_get_one (write->headers, "Location"), token,
                  NULL);
  g_assert_cmpstr (posture_json_get_path_string (obj (poll), "state.id"), ==, "Succeeded");
}

static void
test_operation_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) unknown = NULL;
  g_autoptr(Response) no_version = NULL;
  g_autoptr(Response) post = NULL;
  g_autoptr(Response) isolation_unknown = NULL;

  unknown = request (f, "GET", "/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/"
                     "00000000-1111-4222-8333-444444444444?api-version=2023-06-01", token, NULL);
  assert_bap_error (unknown, 404, "OperationNotFound");
  no_version = request (f, "GET", "/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/"
                        "00000000-1111-4222-8333-444444444444", token, NULL);
  assert_bap_error (no_version, 400, "MissingApiVersionParameter");
  post = request (f, "POST", "/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/"
                  "00000000-1111-4222-8333-444444444444?api-version=2023-06-01", token, "{}");
  assert_bap_error (post, 405, "MethodNotAllowed");
  isolation_unknown = request (f, "GET", "/providers/PowerPlatform.Governance/v1/operations/"
                               "00000000-1111-4222-8333-444444444444?api-version=2020-06-01",
                               token, NULL);
  assert_bap_error (isolation_unknown, 404, "OperationNotFound");
}

static void
test_reset_cancels_operations (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) write = NULL;
  g_autoptr(Response) reset = NULL;
  g_autoptr(Response) poll = NULL;
  g_autoptr(Response) again = NULL;
  g_autofree char *location = NULL;

  write = request (f, "POST", GOVERNANCE (HR), token,
                   "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{}}}");
  g_assert_cmpuint (write->status, ==, 202);
  location = g_strdup (soup_message_headers_get_one (write->headers, "Location"));

  reset = request (f, "POST", "/posture-demo/reset", NULL, NULL);
  g_assert_cmpuint (reset->status, ==, 204);

  /* The operation is gone, the environment as seeded, and not busy any more. */
  poll = request (f, "GET", location, token, NULL);
  assert_bap_error (poll, 404, "OperationNotFound");
  g_assert_cmpstr (protection_level (f, token, HR), ==, "Basic");
  again = request (f, "POST", GOVERNANCE (HR), token,
                   "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{}}}");
  g_assert_cmpuint (again->status, ==, 202);
}

/* ---- Tenant isolation: 200 sometimes, 202 sometimes ------------------------------------- */

static void
test_isolation_async (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  const char *on = "{\"properties\":{\"isDisabled\":false,\"allowedTenants\":[]}}";
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) before = NULL;
  g_autoptr(Response) busy = NULL;
  g_autoptr(Response) done = NULL;
  g_autoptr(Response) after = NULL;
  g_autoptr(Response) second = NULL;
  g_autoptr(Response) third = NULL;
  g_autofree char *location = NULL;
  guint running = 0;

  /* The first write is asynchronous: 202, a Location, and nothing changes yet. */
  first = request (f, "PUT", ISOLATION_PATH, token, on);
  g_assert_cmpuint (first->status, ==, 202);
  g_assert_null (first->json);
  location = g_strdup (soup_message_headers_get_one (first->headers, "Location"));
  g_assert_nonnull (strstr (location, "/providers/PowerPlatform.Governance/v1/operations/"));
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "Retry-After"), ==, "1");
  before = request (f, "GET", ISOLATION_PATH, token, NULL);
  assert_bap_error (before, 404, "TenantIsolationPolicyNotFound");
  busy = request (f, "PUT", ISOLATION_PATH, token, on);
  assert_bap_error (busy, 409, "OperationNotStartable");

  /* Polled as the provider polls it: 202 while running, 200 when done. */
  done = poll_operation (f, token, location, &running);
  g_assert_cmpuint (running, ==, 2);
  g_assert_cmpstr (posture_json_get_string (obj (done), "status"), ==, "Succeeded");
  g_assert_nonnull (posture_json_get_string (obj (done), "endTime"));
  after = request (f, "GET", ISOLATION_PATH, token, NULL);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_true (posture_json_get_path_boolean (obj (after), "properties.isDisabled",
                                                &(gboolean) { TRUE }));

  /* Every other write: the second answers 200 with the policy, the third 202. */
  second = request (f, "PUT", ISOLATION_PATH, token,
                    "{\"properties\":{\"isDisabled\":true,\"allowedTenants\":\"\"}}");
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpstr (posture_json_get_path_string (obj (second), "properties.allowedTenants"), ==,
                   "");
  third = request (f, "PUT", ISOLATION_PATH, token, on);
  g_assert_cmpuint (third->status, ==, 202);

  /* Configurable: every write asynchronous, or none. */
  {
    g_autoptr(Response) t = poll_operation (f, token, soup_message_headers_get_one (third->headers,
                                                                                    "Location"),
                                            NULL);
    g_autoptr(Response) a = NULL;
    g_autoptr(Response) b = NULL;
    g_autoptr(Response) c = NULL;

    posture_demo_server_set_isolation_async_every (f->server, 1);
    a = request (f, "PUT", ISOLATION_PATH, token, on);
    g_assert_cmpuint (a->status, ==, 202);
    g_clear_pointer (&t, response_free);
    t = poll_operation (f, token, soup_message_headers_get_one (a->headers, "Location"), NULL);
    b = request (f, "PUT", ISOLATION_PATH, token, on);
    g_assert_cmpuint (b->status, ==, 202);
    g_clear_pointer (&t, response_free);
    t = poll_operation (f, token, soup_message_headers_get_one (b->headers, "Location"), NULL);
    posture_demo_server_set_isolation_async_every (f->server, 0);
    c = request (f, "PUT", ISOLATION_PATH, token, on);
    g_assert_cmpuint (c->status, ==, 200);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/posture/demo/operations/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("governance/accepted-then-polled", test_governance_accepted_then_polled);
  ADD ("governance/busy-then-update", test_governance_busy_then_update);
  ADD ("governance/group-and-refusals", test_governance_group_and_refusals);
  ADD ("governance/validation", test_governance_validation);
  ADD ("governance/empty-and-disable", test_governance_empty_and_disable);
  ADD ("completes-unpolled", test_operation_completes_unpolled);
  ADD ("errors", test_operation_errors);
  ADD ("reset-cancels", test_reset_cancels_operations);
  ADD ("isolation/async", test_isolation_async);
#undef ADD

  return g_test_run ();
}
