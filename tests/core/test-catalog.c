/* test-catalog.c: the controls catalog against DESIGN.md's tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-catalog.h"
#include "posture-controls-eval-private.h"
#include "posture-data-resources.h"
#include "posture-enums.h"
#include "posture-error.h"
#include "posture-json.h"

/* DESIGN.md "Controls catalog (version 2)": id, scope, severity, SCuBA id, requirement,
 * in catalog order. */
static const struct
{
  const char *id;
  PostureScope scope;
  PostureSeverity severity;
  const char *scuba;
  const char *requirement;
} design[] = {
  { "tenant-isolation", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_HIGH, "MS.POWERPLATFORM.3.1v1",
    "SHALL" },
  { "tenant-isolation-allowlist", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM,
    "MS.POWERPLATFORM.3.2v1", "SHOULD" },
  { "dlp-tenant-policy", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_HIGH, NULL, NULL },
  { "dlp-default-environment", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_HIGH,
    "MS.POWERPLATFORM.2.1v1", "SHALL" },
  { "dlp-default-environment-connectors", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM,
    "MS.POWERPLATFORM.2.3v1", "SHOULD" },
  { "env-creation-admins-only", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_HIGH,
    "MS.POWERPLATFORM.1.1v1", "SHALL" },
  { "trial-env-creation-admins-only", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_HIGH,
    "MS.POWERPLATFORM.1.2v1", "SHALL" },
  { "developer-env-creation-admins-only", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM, NULL,
    NULL },
  { "pages-creation-admins-only", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM,
    "MS.POWERPLATFORM.5.1v1", "SHOULD" },
  { "share-with-everyone-disabled", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM,
    "MS.POWERPLATFORM.6.1v1", "SHOULD" },
  { "connection-sharing-disabled", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "guest-makers-disabled", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "default-environment-routing", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_LOW, NULL, NULL },
  { "conditional-access-mfa", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_HIGH, NULL, NULL },
  { "global-admin-count", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "dlp-environment-coverage", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_MEDIUM,
    "MS.POWERPLATFORM.2.2v1", "SHOULD" },
  { "managed-environment", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "environment-security-group", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "sharing-limits", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "ip-firewall", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "ip-cookie-binding", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_LOW, NULL, NULL },
  { "auditing", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_HIGH, NULL, NULL },
  { "content-security-policy", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_HIGH,
    "MS.POWERPLATFORM.4.1v1", "SHALL" },
  { "guest-access-restricted", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "admin-privileges", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
  { "app-access-control", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_LOW, NULL, NULL },
  { "customer-managed-key", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_LOW, NULL, NULL },
  { "virtual-network", POSTURE_SCOPE_ENVIRONMENT, POSTURE_SEVERITY_LOW, NULL, NULL },
  { "customer-lockbox", POSTURE_SCOPE_TENANT, POSTURE_SEVERITY_MEDIUM, NULL, NULL },
};

static const char *manual_controls[] = { "tenant-isolation-allowlist", "customer-lockbox", NULL };

/* The library's modules, and those the training helper adds for catalog v2. */
static const char *training_modules[] = {
  "zero-trust", "security-model", "dlp-strategy", "default-environment", "sharing-hygiene",
  "secrets-and-connections", "app-hardening", "copilot-agents", "sdl-low-code",
  "tenant-isolation", "auditing-monitoring", "incident-response", "compliance-basics",
  "continuous-improvement", "conditional-access", "admin-hygiene", "guest-access",
  "app-access-control", "default-environment-connectors", NULL,
};

/* DESIGN.md "Profiles": ppac. */
static const char *ppac_profile[] = {
  "tenant-isolation", "dlp-tenant-policy", "environment-security-group", "ip-firewall",
  "ip-cookie-binding", "auditing", "sharing-limits", "virtual-network", "guest-access-restricted",
  "admin-privileges", "app-access-control", "customer-lockbox", NULL,
};

static void
test_catalog_design (void)
{
  PostureCatalog *catalog = posture_catalog_get_default ();
  GListModel *model = G_LIST_MODEL (catalog);

  g_assert_true (catalog == posture_catalog_get_default ());
  g_assert_cmpuint (posture_catalog_get_version (catalog), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (design));
  g_assert_true (g_list_model_get_item_type (model) == POSTURE_TYPE_CONTROL);

  for (guint i = 0; i < G_N_ELEMENTS (design); i++)
    {
      PostureControl *control = posture_catalog_lookup (catalog, design[i].id);
      g_autoptr(PostureControl) at = g_list_model_get_item (model, i);
      const PostureRule *rule;
      const char * const *training;
      const char *waf;

      g_test_message ("%s", design[i].id);
      g_assert_nonnull (control);
      g_assert_true (control == at);
      g_assert_cmpint (posture_control_get_scope (control), ==, design[i].scope);
      g_assert_cmpint (posture_control_get_severity (control), ==, design[i].severity);
      g_assert_cmpstr (posture_control_get_scuba_id (control), ==, design[i].scuba);
      g_assert_cmpstr (posture_control_get_scuba_requirement (control), ==, design[i].requirement);
      g_assert_cmpint (posture_control_in_profile (control, POSTURE_PROFILE_SCUBA), ==,
                       design[i].scuba != NULL);
      g_assert_cmpint (posture_control_in_profile (control, POSTURE_PROFILE_PPAC), ==,
                       g_strv_contains (ppac_profile, design[i].id));
      g_assert_true (posture_control_in_profile (control, POSTURE_PROFILE_ALL));
      g_assert_cmpint (posture_control_get_manual (control), ==,
                       g_strv_contains (manual_controls, design[i].id));

      /* All metadata present and plausible. */
      g_assert_cmpuint (strlen (posture_control_get_title (control)), >, 10);
      g_assert_cmpuint (strlen (posture_control_get_description (control)), >, 40);
      g_assert_cmpuint (strlen (posture_control_get_rationale (control)), >, 40);
      g_assert_cmpuint (g_strv_length ((char **) posture_control_get_remediation (control)), >=, 3);
      training = posture_control_get_training (control);
      g_assert_cmpuint (g_strv_length ((char **) training), >=, 1);
      for (guint t = 0; training[t] != NULL; t++)
        if (!g_strv_contains (training_modules, training[t]))
          g_error ("%s names an unknown training module %s", design[i].id, training[t]);
      waf = posture_control_get_waf_code (control);
      g_assert_nonnull (waf);
      g_assert_true (g_regex_match_simple ("^SE:(0[1-9]|1[0-2])$", waf, 0, 0));
      if (g_strv_contains (ppac_profile, design[i].id))
        g_assert_nonnull (posture_control_get_ppac_name (control));

      /* Every setting has a human title, never the API field alone. */
      for (guint k = 0; k < posture_control_get_n_settings (control); k++)
        {
          const char *key = posture_control_get_setting_key (control, k);
          const char *title = posture_control_get_setting_title (control, k);

          g_assert_cmpstr (title, !=, key);
          g_assert_true (posture_control_lookup_setting_title (control, key) == title);
        }
      if (!posture_control_get_manual (control))
        g_assert_cmpuint (posture_control_get_n_settings (control), >=, 1);

      /* Every control has its evaluation, of its scope. */
      rule = _posture_rule_lookup (design[i].id);
      g_assert_nonnull (rule);
      if (posture_control_get_manual (control))
        g_assert_nonnull (rule->manual);
      else if (design[i].scope == POSTURE_SCOPE_TENANT)
        g_assert_true (rule->tenant != NULL && rule->environment == NULL);
      else
        g_assert_true (rule->applies != NULL && rule->environment != NULL && rule->tenant == NULL);
    }

  /* DESIGN.md's example references for ip-firewall; SE:06 is network controls. */
  {
    PostureControl *firewall = posture_catalog_lookup (catalog, "ip-firewall");

    g_assert_cmpstr (posture_control_get_ppac_name (firewall), ==, "IP firewall");
    g_assert_cmpint (posture_control_get_principle (firewall), ==,
                     POSTURE_PRINCIPLE_VERIFY_EXPLICITLY);
    g_assert_cmpstr (posture_control_get_waf_code (firewall), ==, "SE:06");
  }
  g_assert_null (posture_catalog_lookup (catalog, "no-such-control"));
  g_assert_null (posture_catalog_lookup (catalog, NULL));
}

static void
test_catalog_properties (void)
{
  PostureControl *control = posture_catalog_lookup (posture_catalog_get_default (), "auditing");
  g_autofree char *id = NULL;
  g_auto(GStrv) remediation = NULL;
  PostureSeverity severity;
  PostureCategory category;
  gboolean manual = TRUE;

  g_object_get (control, "id", &id, "severity", &severity, "category", &category,
                "remediation", &remediation, "manual", &manual, NULL);
  g_assert_cmpstr (id, ==, "auditing");
  g_assert_cmpint (severity, ==, POSTURE_SEVERITY_HIGH);
  g_assert_cmpint (category, ==, POSTURE_CATEGORY_THREAT_DETECTION);
  g_assert_cmpuint (g_strv_length (remediation), >=, 3);
  g_assert_false (manual);
}

static void
test_catalog_select (void)
{
  PostureCatalog *catalog = posture_catalog_get_default ();
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(GError) error = NULL;

  selected = posture_catalog_select (catalog, POSTURE_PROFILE_PPAC, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (selected->len, ==, g_strv_length ((char **) ppac_profile));
  g_clear_pointer (&selected, g_ptr_array_unref);

  /* Ids override the profile, keep catalog order, are trimmed and counted once. */
  selected = posture_catalog_select (catalog, POSTURE_PROFILE_PPAC,
                                     " auditing , tenant-isolation,auditing,", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (selected->len, ==, 2);
  g_assert_cmpstr (posture_control_get_id (g_ptr_array_index (selected, 0)), ==,
                   "tenant-isolation");
  g_assert_cmpstr (posture_control_get_id (g_ptr_array_index (selected, 1)), ==, "auditing");
  g_clear_pointer (&selected, g_ptr_array_unref);

  selected = posture_catalog_select (catalog, POSTURE_PROFILE_ALL, "auditing,Auditing", &error);
  g_assert_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL);
  g_assert_nonnull (strstr (error->message, "\"Auditing\""));
  g_assert_null (selected);
  g_clear_error (&error);

  selected = posture_catalog_select (catalog, POSTURE_PROFILE_ALL, " , ", &error);
  g_assert_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL);
  g_assert_null (selected);
}

static void
assert_bad_catalog (const char *text,
                    const char *needle)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureCatalog) catalog = posture_catalog_new_from_bytes (bytes, &error);

  g_assert_null (catalog);
  g_assert_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG);
  if (strstr (error->message, needle) == NULL)
    g_error ("\"%s\" lacks \"%s\"", error->message, needle);
}

#define CONTROL(id, severity) \
  "{\"id\":\"" id "\",\"title\":\"A title\",\"description\":\"d\",\"rationale\":\"r\"," \
  "\"remediation\":[\"step\"],\"scope\":\"tenant\",\"severity\":\"" severity "\"," \
  "\"category\":\"network\",\"principle\":\"assume-breach\",\"training\":[\"zero-trust\"]}"

#define CONTROL_WITH(member)                                                                       \
  "{\"id\":\"a\",\"title\":\"A title\",\"description\":\"d\",\"rationale\":\"r\","                 \
  "\"remediation\":[\"step\"],\"scope\":\"tenant\",\"severity\":\"low\","                          \
  "\"category\":\"network\",\"principle\":\"assume-breach\",\"training\":[\"zero-trust\"]," member \
  "}"

static void
test_catalog_invalid (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureCatalog) catalog = NULL;
  const char *good = "{\"posture_catalog\":2,\"controls\":[" CONTROL ("a", "low") "]}";

  bytes = g_bytes_new_static (good, strlen (good));
  catalog = posture_catalog_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 1);

  assert_bad_catalog ("{", "Controls catalog");
  assert_bad_catalog ("{\"posture_catalog\":1,\"controls\":[]}", "posture_catalog");
  assert_bad_catalog ("{\"posture_catalog\":3,\"controls\":[]}", "posture_catalog");
  assert_bad_catalog ("{\"posture_catalog\":2,\"controls\":[1]}", "controls[0]");
  assert_bad_catalog ("{\"posture_catalog\":2,\"controls\":[" CONTROL ("a", "low") ","
                      CONTROL ("a", "low") "]}", "used twice");
  assert_bad_catalog ("{\"posture_catalog\":2,\"controls\":[" CONTROL ("a", "severe") "]}",
                      "controls[0].severity");
  assert_bad_catalog ("{\"posture_catalog\":2,\"controls\":[{\"id\":\"x\"}]}", "controls[0].title");
  assert_bad_catalog ("{\"posture_catalog\":2,\"controls\":[" CONTROL_WITH ("\"settings\":7") "]}",
                      "controls[0].settings");
  assert_bad_catalog ("{\"posture_catalog\":2,\"controls\":[" CONTROL_WITH (
                          "\"settings\":[{\"key\":\"k\"}]") "]}",
                      "controls[0].settings[0].title");
}

/* Every translatable text of controls.json is an N_() entry of posture-catalog-strings.c. */
static void
test_catalog_strings_in_sync (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  JsonArray *controls;
  guint n_strings = 0;

  bytes = g_resource_lookup_data (posture_data_get_resource (),
                                  "/io/github/posture/Posture/data/controls/controls.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  root = posture_json_parse_bytes (bytes, 64, &error);
  g_assert_no_error (error);

  path = g_test_build_filename (G_TEST_DIST, "..", "src", "core", "posture-catalog-strings.c",
                                NULL);
  g_assert_true (g_file_get_contents (path, &source, NULL, &error));

  controls = json_object_get_array_member (json_node_get_object (root), "controls");
  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonObject *control = json_array_get_object_element (controls, i);
      static const char *keys[] = { "title", "description", "rationale" };
      JsonArray *steps = json_object_get_array_member (control, "remediation");
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_ptr_array_add (texts, (gpointer) json_object_get_string_member (control, keys[k]));
      for (guint s = 0; s < json_array_get_length (steps); s++)
        g_ptr_array_add (texts, (gpointer) json_array_get_string_element (steps, s));
      if (json_object_has_member (control, "settings"))
        {
          JsonArray *settings = json_object_get_array_member (control, "settings");

          for (guint s = 0; s < json_array_get_length (settings); s++)
            g_ptr_array_add (texts, (gpointer) json_object_get_string_member (
                               json_array_get_object_element (settings, s), "title"));
        }

      for (guint t = 0; t < texts->len; t++)
        {
          g_autofree char *escaped = g_strescape (g_ptr_array_index (texts, t), "");
          g_autofree char *entry = g_strdup_printf ("N_(\"%s\")", escaped);

          if (strstr (source, entry) == NULL)
            g_error ("posture-catalog-strings.c lacks %s; run data/controls/gen-catalog-strings.py",
                     entry);
          n_strings++;
        }
    }

  /* And nothing stale: as many entries as texts. */
  {
    guint n_entries = 0;

    for (const char *p = source; (p = strstr (p, "N_(\"")) != NULL; p++)
      n_entries++;
    g_assert_cmpuint (n_entries, ==, n_strings);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/catalog/design", test_catalog_design);
  g_test_add_func ("/posture/core/catalog/properties", test_catalog_properties);
  g_test_add_func ("/posture/core/catalog/select", test_catalog_select);
  g_test_add_func ("/posture/core/catalog/invalid", test_catalog_invalid);
  g_test_add_func ("/posture/core/catalog/strings-in-sync", test_catalog_strings_in_sync);

  return g_test_run ();
}
