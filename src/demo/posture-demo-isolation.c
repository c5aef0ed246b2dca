/* posture-demo-isolation.c: the demo tenant's tenant isolation policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET answers 404 until a policy is written (reference §2.5). PUT answers 200 with the
 * policy, or 202 with a Location to poll (Microsoft's Terraform provider handles both:
 * internal/services/tenant_isolation_policy/api_tenant_isolation_policy.go); which one
 * is deterministic per scenario: the first write and every n-th after it are
 * asynchronous (posture_demo_server_set_isolation_async_every(), default every other
 * write). An asynchronous write lands when its operation completes; a PUT while one
 * runs answers 409.
 */

#define G_LOG_DOMAIN "posture-demo-isolation"

#include "config.h"

#include "posture-demo-private.h"
#include "posture-json.h"

static const char * const isolation_api_versions[] = { "2016-11-01", "2020-06-01", NULL };

static PostureDemoReply *
bad_request (const char *message)
{
  return _posture_demo_reply_new_error (400, "BadRequest", message);
}

static gboolean
get_strict_boolean (JsonObject *object,
                    const char *member,
                    gboolean   *out_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out_value = json_node_get_boolean (node);
  return TRUE;
}

/* Validates {"properties":{"tenantId"?, "isDisabled", "allowedTenants"}} and builds the
 * stored policy. */
static PostureDemoReply *
parse_policy (JsonNode    *body,
              JsonObject **out_policy)
{
  g_autoptr(JsonArray) out_allowed = json_array_new ();
  JsonObject *props;
  JsonObject *out_props;
  JsonArray *allowed;
  JsonNode *allowed_node;
  gboolean disabled = FALSE;
  const char *tid;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body) ||
      (props = posture_json_get_object (json_node_get_object (body), "properties")) == NULL)
    return bad_request ("The request content must be {\"properties\":{\"isDisabled\":…,"
                        "\"allowedTenants\":[…]}}.");

  tid = posture_json_get_string (props, "tenantId");
  if (tid != NULL && g_ascii_strcasecmp (tid, POSTURE_DEMO_TENANT_ID) != 0)
    return bad_request ("properties.tenantId must be the tenant's own id.");
  if (!get_strict_boolean (props, "isDisabled", &disabled))
    return bad_request ("properties.isDisabled must be true or false.");

  allowed_node = json_object_get_member (props, "allowedTenants");
  allowed = posture_json_get_array (props, "allowedTenants");
  if (allowed_node != NULL && allowed == NULL && !JSON_NODE_HOLDS_NULL (allowed_node) &&
      !(JSON_NODE_HOLDS_VALUE (allowed_node) &&
        g_strcmp0 (json_node_get_string (allowed_node), "") == 0))
    return bad_request ("properties.allowedTenants must be an array.");

  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    {
      JsonNode *item = json_array_get_element (allowed, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *other = entry ? posture_json_get_string (entry, "tenantId") : NULL;
      JsonObject *direction = entry ? posture_json_get_object (entry, "direction") : NULL;
      gboolean inbound = FALSE, outbound = FALSE;
      JsonObject *e;
      JsonObject *d;

      if (other == NULL || (!_posture_demo_is_guid (other) && g_strcmp0 (other, "*") != 0) ||
          !get_strict_boolean (direction, "inbound", &inbound) ||
          !get_strict_boolean (direction, "outbound", &outbound))
        {
          g_autofree char *msg = NULL;

          msg = g_strdup_printf ("properties.allowedTenants[%u] needs a tenantId (a GUID or "
                                 "\"*\") and direction.inbound/outbound booleans.", i);
          return bad_request (msg);
        }

      e = json_object_new ();
      d = json_object_new ();
      json_object_set_string_member (e, "tenantId", other);
      json_object_set_boolean_member (d, "inbound", inbound);
      json_object_set_boolean_member (d, "outbound", outbound);
      json_object_set_object_member (e, "direction", d);
      json_array_add_object_element (out_allowed, e);
    }

  *out_policy = json_object_new ();
  out_props = json_object_new ();
  json_object_set_string_member (out_props, "tenantId", POSTURE_DEMO_TENANT_ID);
  json_object_set_boolean_member (out_props, "isDisabled", disabled);
  /* A disabled policy can carry "allowedTenants": "" (reference §2.5); keep that form. */
  if (allowed_node != NULL && JSON_NODE_HOLDS_VALUE (allowed_node) &&
      json_node_get_value_type (allowed_node) == G_TYPE_STRING)
    json_object_set_string_member (out_props, "allowedTenants", "");
  else
    json_object_set_array_member (out_props, "allowedTenants", g_steal_pointer (&out_allowed));
  json_object_set_object_member (*out_policy, "properties", out_props);

  return NULL;
}

void
_posture_demo_isolation_apply (PostureDemoScenario *scenario,
                               JsonObject          *policy)
{
  g_clear_pointer (&scenario->isolation, json_object_unref);
  scenario->isolation = _posture_demo_object_copy (policy);
}

static PostureDemoReply *
put_policy (PostureDemoRequest *req)
{
  PostureDemoScenario *scenario = req->scenario;
  guint every = req->config->isolation_async_every;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonObject) policy = NULL;
  PostureDemoReply *reply = NULL;

  body = _posture_demo_request_parse_body (req, &reply);
  if (reply != NULL)
    return reply;
  if ((reply = parse_policy (body, &policy)))
    return reply;

  if (_posture_demo_operations_busy (scenario, POSTURE_DEMO_OPERATION_ISOLATION,
                                     POSTURE_DEMO_TENANT_ID))
    return _posture_demo_reply_new_bap_error (409, "OperationNotStartable",
                                              "This operation cannot be performed because there "
                                              "is an active operation on the tenant isolation "
                                              "policy of tenant " POSTURE_DEMO_TENANT_ID ".");

  scenario->isolation_writes++;
  if (every > 0 && (scenario->isolation_writes - 1) % every == 0)
    {
      reply = _posture_demo_reply_new (202, NULL);
      reply->location = _posture_demo_operations_start (req, POSTURE_DEMO_OPERATION_ISOLATION,
                                                        POSTURE_DEMO_TENANT_ID,
                                                        "UpdateTenantIsolationPolicy",
                                                        g_steal_pointer (&policy));
      reply->retry_after = (int) req->config->operation_retry_after;
      return reply;
    }

  _posture_demo_isolation_apply (scenario, policy);
  return _posture_demo_reply_new_object (200, scenario->isolation);
}

/* providers/PowerPlatform.Governance/v1/tenants/{tenantId}/tenantIsolationPolicy */
PostureDemoReply *
_posture_demo_isolation_route (PostureDemoRequest *req)
{
  char **s = req->segs;
  PostureDemoReply *reply;

  if (req->n_segs != 6 || !g_str_equal (s[1], "PowerPlatform.Governance") ||
      !g_str_equal (s[2], "v1") || !g_str_equal (s[3], "tenants") ||
      !g_str_equal (s[5], "tenantIsolationPolicy"))
    return NULL;

  if ((reply = _posture_demo_check_api_version (req, isolation_api_versions, FALSE)))
    return reply;
  if (g_ascii_strcasecmp (s[4], POSTURE_DEMO_TENANT_ID) != 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf ("The caller does not have permission to access the tenant "
                              "'%.64s'.", s[4]);
      return _posture_demo_reply_new_error (403, "Forbidden", text);
    }

  if (_posture_demo_request_is (req, "GET"))
    {
      if (req->scenario->isolation == NULL)
        return _posture_demo_reply_new_error (404, "TenantIsolationPolicyNotFound",
                                              "No tenant isolation policy is configured for "
                                              "tenant '" POSTURE_DEMO_TENANT_ID "'.");
      return _posture_demo_reply_new_object (200, req->scenario->isolation);
    }
  if (_posture_demo_request_is (req, "PUT"))
    return put_policy (req);
  return _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);
}
