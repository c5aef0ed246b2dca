/* fuzz-payloads.c: libFuzzer target for what the tenant client reads out of the
 * services' answers
 *
 * The first byte says which answer the rest is: a page of environments, the DLP policy
 * list or a policy, the tenant settings, the isolation policy, a Dataverse organizations
 * answer, a System Administrator roles answer, a Graph list (Conditional Access, role
 * assignments, group members) or object (security defaults, organization), a token
 * answer, a device-code answer, an error body (with a Retry-After value and a Dataverse
 * $select to drop a column from), or an access token's claims. Every answer's text is
 * also scanned for its next page, as the client does before parsing a page. It is parsed as the
 * client parses answers (bounded), read with the same functions, and where it becomes
 * part of a snapshot, built with the core's builder, loaded as a snapshot and assessed:
 * so a hostile answer runs through everything a live read would run it through.
 * Nothing may crash, leak or hang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "posture-engine.h"
#include "posture-http-private.h"
#include "posture-json.h"
#include "posture-oauth-private.h"
#include "posture-payload-private.h"
#include "posture-report.h"
#include "posture-snapshot-builder.h"
#include "posture-snapshot.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

typedef enum
{
  PAYLOAD_ENVIRONMENTS,
  PAYLOAD_DLP_LIST,
  PAYLOAD_DLP_POLICY,
  PAYLOAD_TENANT_SETTINGS,
  PAYLOAD_ISOLATION,
  PAYLOAD_DATAVERSE_ROW,
  PAYLOAD_ROLES,
  PAYLOAD_CONDITIONAL_ACCESS,
  PAYLOAD_SECURITY_DEFAULTS,
  PAYLOAD_ROLE_ASSIGNMENTS,
  PAYLOAD_GROUP_MEMBERS,
  PAYLOAD_ORGANIZATION,
  PAYLOAD_TOKEN,
  PAYLOAD_DEVICE_CODE,
  PAYLOAD_ERROR_BODY,
  PAYLOAD_ACCESS_TOKEN,
  N_PAYLOADS
} Payload;

#define ENV_JSON \
  "{\"name\":\"env-1\",\"properties\":{\"environmentSku\":\"Production\",\"isDefault\":true," \
  "\"linkedEnvironmentMetadata\":{\"instanceUrl\":\"https://org.crm.dynamics.com/\"}}}"

/* A snapshot with the fuzzed source in it, loaded and assessed like a live read. */
static void
assess (PostureSnapshotBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autofree char *json = NULL;

  posture_snapshot_builder_set_cloud (builder, "public");
  posture_snapshot_builder_set_tenant (builder, "00000000-0000-0000-0000-000000000001", "Fuzz");
  root = posture_snapshot_builder_end (builder);
  snapshot = posture_snapshot_new_from_json (root, "fuzz", NULL);
  if (snapshot == NULL)
    return;
  assessment = posture_engine_assess (snapshot, NULL, NULL);
  if (assessment != NULL)
    json = posture_report_render (assessment, NULL, NULL, POSTURE_REPORT_FORMAT_JSON, NULL, NULL);
}

static PostureSnapshotBuilder *
builder_with_environment (void)
{
  PostureSnapshotBuilder *builder = posture_snapshot_builder_new ();
  g_autoptr(JsonNode) env = posture_json_parse (ENV_JSON, strlen (ENV_JSON), 16, NULL);

  posture_snapshot_builder_add_environment (builder, env);
  return builder;
}

static void
read_page (JsonNode   *node,
           JsonArray **values,
           JsonNode  **merged)
{
  const char *next_link = NULL;

  *merged = NULL;
  if (_posture_payload_page (node, values, &next_link))
    *merged = _posture_payload_merge_pages (json_node_get_object (node), *values);
}

static PostureOAuth *
oauth (void)
{
  static PostureOAuth *oauth;

  if (oauth == NULL)
    {
      g_autoptr(PostureEndpoints) endpoints = posture_endpoints_new ("public", NULL, NULL);

      oauth = posture_oauth_new (endpoints, "fuzz.onmicrosoft.com", "client", NULL, NULL);
      posture_oauth_set_client_secret (oauth, "fuzz-secret");
    }
  return oauth;
}

static void
fuzz_answer (Payload  payload,
             GBytes  *body)
{
  g_autoptr(PostureSnapshotBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) merged = NULL;
  JsonArray *values = NULL;

  node = posture_json_parse_bytes (body, POSTURE_JSON_DEFAULT_MAX_DEPTH, NULL);

  /* The next page as the client finds it in the text before parsing */
  {
    gsize size;
    const char *text = g_bytes_get_data (body, &size);
    g_autofree char *next_link = size > 0 ? _posture_payload_scan_next_link (text, size) : NULL;

    g_assert (next_link == NULL || (next_link[0] != '\0' && g_utf8_validate (next_link, -1, NULL)));
  }

  switch (payload)
    {
    case PAYLOAD_ENVIRONMENTS:
      builder = posture_snapshot_builder_new ();
      read_page (node, &values, &merged);
      for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
        {
          JsonNode *env = json_array_get_element (values, i);
          const char *name;
          const char *instance_url;

          if (!_posture_payload_environment (env, &name, &instance_url))
            continue;
          posture_snapshot_builder_add_environment (builder, env);
          if (name != NULL && instance_url != NULL)
            {
              g_autoptr(JsonNode) entry = posture_snapshot_error_entry_new (403, "Forbidden", name);

              posture_snapshot_builder_set_dataverse (builder, name, entry);
            }
        }
      assess (builder);
      break;

    case PAYLOAD_DLP_LIST:
      read_page (node, &values, &merged);
      for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
        (void) _posture_payload_dlp_policy_name (json_array_get_element (values, i));
      break;

    case PAYLOAD_DLP_POLICY:
      if (node == NULL)
        break;
      builder = builder_with_environment ();
      posture_snapshot_builder_add_dlp_policy (builder, node);
      assess (builder);
      break;

    case PAYLOAD_TENANT_SETTINGS:
    case PAYLOAD_ISOLATION:
    case PAYLOAD_SECURITY_DEFAULTS:
    case PAYLOAD_CONDITIONAL_ACCESS:
      if (node == NULL)
        break;
      builder = builder_with_environment ();
      if (payload == PAYLOAD_TENANT_SETTINGS)
        posture_snapshot_builder_set_tenant_settings (builder, node);
      else if (payload == PAYLOAD_ISOLATION)
        posture_snapshot_builder_set_tenant_isolation (builder, node);
      else if (payload == PAYLOAD_SECURITY_DEFAULTS)
        posture_snapshot_builder_set_graph (builder, POSTURE_GRAPH_SOURCE_SECURITY_DEFAULTS, node);
      else
        {
          read_page (node, &values, &merged);
          posture_snapshot_builder_set_graph (builder, POSTURE_GRAPH_SOURCE_CONDITIONAL_ACCESS,
                                              merged != NULL ? merged : node);
        }
      assess (builder);
      break;

    case PAYLOAD_DATAVERSE_ROW:
      {
        JsonNode *row = _posture_payload_dataverse_row (node);

        if (row == NULL)
          break;
        builder = builder_with_environment ();
        posture_snapshot_builder_set_dataverse (builder, "env-1", row);
        assess (builder);
      }
      break;

    case PAYLOAD_ROLES:
      read_page (node, &values, &merged);
      if (merged == NULL)
        break;
      {
        g_autoptr(JsonArray) copies = json_array_new ();
        g_autoptr(JsonNode) roles = NULL;

        for (guint i = 0; i < json_array_get_length (values); i++)
          {
            JsonNode *role = json_array_get_element (values, i);

            if (_posture_payload_association_next (role) != NULL)
              {
                JsonNode *copy = _posture_payload_role_copy (role);

                /* The next page, here the same answer again */
                _posture_payload_role_append (copy, node);
                json_array_add_element (copies, copy);
              }
            else
              json_array_add_element (copies, json_node_ref (role));
          }
        roles = _posture_payload_merge_pages (json_node_get_object (node), copies);
        builder = builder_with_environment ();
        posture_snapshot_builder_set_dataverse_admins (builder, "env-1", roles);
        assess (builder);
      }
      break;

    case PAYLOAD_ROLE_ASSIGNMENTS:
      read_page (node, &values, &merged);
      if (merged == NULL)
        break;
      builder = builder_with_environment ();
      posture_snapshot_builder_set_graph (builder, POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS, merged);
      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          const char *id = _posture_payload_group_principal (json_array_get_element (values, i));

          /* Its members: the same answer */
          if (id != NULL)
            posture_snapshot_builder_set_group_members (builder, id, merged);
        }
      assess (builder);
      break;

    case PAYLOAD_GROUP_MEMBERS:
      read_page (node, &values, &merged);
      break;

    case PAYLOAD_ORGANIZATION:
      {
        g_autofree char *name = _posture_payload_organization_name (node);

        g_assert (name == NULL || g_utf8_validate (name, -1, NULL));
      }
      break;

    case PAYLOAD_DEVICE_CODE:
      {
        g_autoptr(PostureDeviceCode) code = _posture_payload_device_code (node, 1000, NULL);

        g_assert (code == NULL || posture_device_code_get_interval (code) >= 1000);
      }
      break;

    case PAYLOAD_TOKEN:
    case PAYLOAD_ERROR_BODY:
    case PAYLOAD_ACCESS_TOKEN:
    case N_PAYLOADS:
    default:
      break;
    }
}

static void
fuzz_token (GBytes *body)
{
  g_autoptr(PostureTokenAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  PostureHttpResponse response = { 0 };

  /* As a success, then as an OAuth error answer */
  for (guint status = 200; status <= 400; status += 200)
    {
      response.status = status;
      response.body = body;
      g_clear_pointer (&answer, _posture_oauth_token_answer_free);
      g_clear_error (&error);
      answer = _posture_oauth_parse_token_answer (&response, &error);
      if (answer != NULL && answer->access_token == NULL)
        {
          g_autoptr(GError) mapped = _posture_oauth_map_error (oauth (), answer->status,
                                                                answer->error_code,
                                                                answer->error_description);

          /* The secret it was given never comes back in a message */
          g_assert (mapped != NULL && strstr (mapped->message, "fuzz-secret") == NULL);
        }
    }
}

static void
fuzz_error_body (GBytes *body)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *column = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *line = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  const char *newline = size > 0 ? memchr (data, '\n', size) : NULL;
  g_autoptr(GBytes) error_body = NULL;

  /* A Retry-After value on the first line, when there are two; the error body after */
  if (newline != NULL)
    {
      line = g_strndup (data, newline - data);
      (void) posture_http_parse_retry_after (line, NULL);
      error_body = g_bytes_new_from_bytes (body, newline + 1 - data, size - (newline + 1 - data));
    }
  else
    error_body = g_bytes_ref (body);

  posture_http_parse_error_body (error_body, &code, &message);
  uri = _posture_payload_drop_unknown_column ("https://org.crm.dynamics.com/api/data/v9.2/"
                                              "organizations?$select=organizationid,"
                                              "isauditenabled,restrictGuestUserAccess&x=1",
                                              message, &column);
  g_assert ((uri == NULL) == (column == NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = NULL;
  Payload payload;

  if (size < 1)
    return 0;

  payload = data[0] % N_PAYLOADS;
  body = g_bytes_new (data + 1, size - 1);

  switch (payload)
    {
    case PAYLOAD_TOKEN:
      fuzz_token (body);
      break;
    case PAYLOAD_ERROR_BODY:
      fuzz_error_body (body);
      break;
    case PAYLOAD_ACCESS_TOKEN:
      {
        g_autofree char *text = g_strndup ((const char *) data + 1, size - 1);
        g_autofree char *tid = _posture_oauth_dup_token_tenant (text);

        g_assert (tid == NULL || g_uuid_string_is_valid (tid));
      }
      break;
    case PAYLOAD_ENVIRONMENTS:
    case PAYLOAD_DLP_LIST:
    case PAYLOAD_DLP_POLICY:
    case PAYLOAD_TENANT_SETTINGS:
    case PAYLOAD_ISOLATION:
    case PAYLOAD_DATAVERSE_ROW:
    case PAYLOAD_ROLES:
    case PAYLOAD_CONDITIONAL_ACCESS:
    case PAYLOAD_SECURITY_DEFAULTS:
    case PAYLOAD_ROLE_ASSIGNMENTS:
    case PAYLOAD_GROUP_MEMBERS:
    case PAYLOAD_ORGANIZATION:
    case PAYLOAD_DEVICE_CODE:
    case N_PAYLOADS:
    default:
      fuzz_answer (payload, body);
      break;
    }
  return 0;
}
