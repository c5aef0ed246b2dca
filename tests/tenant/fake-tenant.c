/* fake-tenant.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "fake-tenant.h"

static void
fault_free (gpointer data)
{
  FakeFault *fault = data;

  g_free (fault->match);
  g_free (fault->retry_after);
  g_free (fault->message);
  g_free (fault->location);
  g_free (fault);
}

static char *
b64url (const char *text)
{
  char *b64 = g_base64_encode ((const guchar *) text, strlen (text));

  for (char *p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return b64;
}

char *
fake_tenant_make_token (FakeTenant *fake,
                        const char *aud)
{
  g_autofree char *payload = NULL;
  g_autofree char *h = b64url ("{\"alg\":\"none\",\"typ\":\"JWT\"}");
  g_autofree char *p = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char *token;

  payload =
      g_strdup_printf ("{\"aud\":\"%s\",\"tid\":\"%s\",\"iat\":%" G_GINT64_FORMAT
                       ",\"exp\":%" G_GINT64_FORMAT ",\"appid\":\"%s\",\"uti\":\"%u\"}",
                       aud, FAKE_TENANT_ID, now, now + 3600, FAKE_CLIENT_ID, fake->issued->len);
  p = b64url (payload);
  token = g_strdup_printf ("%s.%s.c2lnbmF0dXJl%u", h, p, fake->issued->len);
  g_ptr_array_add (fake->issued, g_strdup (token));
  return token;
}

static void
set_json (SoupServerMessage *msg,
          guint              status,
          const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
set_error (SoupServerMessage *msg,
           guint              status,
           const char        *code,
           const char        *message)
{
  g_autofree char *json = g_strdup_printf ("{\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}",
                                           code, message);
  set_json (msg, status, json);
}

static char *
aud_of_scope (const char *scope)
{
  g_auto(GStrv) parts = g_strsplit (scope, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_suffix (parts[i], "/.default"))
        return g_strndup (parts[i], strlen (parts[i]) - strlen ("/.default"));
    }
  return g_strdup ("");
}

static void
issue_tokens (FakeTenant        *fake,
              SoupServerMessage *msg,
              const char        *scope,
              gboolean           with_refresh)
{
  g_autofree char *aud = aud_of_scope (scope);
  g_autofree char *access = fake_tenant_make_token (fake, aud);
  g_autofree char *json = NULL;
  g_autofree char *scope_key = g_strdup (scope);
  char *p;

  if ((p = strstr (scope_key, " offline_access")) != NULL)
    *p = '\0';
  g_hash_table_insert (fake->scope_tokens, g_strdup (scope_key),
                       GUINT_TO_POINTER (fake_tenant_scope_count (fake, scope_key) + 1));

  if (with_refresh)
    {
      g_free (fake->refresh_token);
      fake->refresh_token = g_strdup_printf ("rt-%u-rotated", fake->issued->len);
      g_ptr_array_add (fake->issued, g_strdup (fake->refresh_token));
      json =
          g_strdup_printf ("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"%s\","
                           "\"refresh_token\":\"%s\"}",
                           access, fake->refresh_token);
    }
  else
    json = g_strdup_printf (
        "{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"access_token\":\"%s\"}", access);
  set_json (msg, 200, json);
}

static void
oauth_error (SoupServerMessage *msg,
             const char        *code)
{
  g_autofree char *json =
      g_strdup_printf ("{\"error\":\"%s\",\"error_description\":\"AADSTS0: %s\\r\\n"
                       "Trace ID: 1\",\"error_codes\":[0]}",
                       code, code);
  set_json (msg, 400, json);
}

static void
handle_token (FakeTenant        *fake,
              SoupServerMessage *msg,
              GHashTable        *form)
{
  const char *grant = form ? g_hash_table_lookup (form, "grant_type") : NULL;
  const char *scope = form ? g_hash_table_lookup (form, "scope") : NULL;

  if (grant == NULL || g_strcmp0 (g_hash_table_lookup (form, "client_id"), FAKE_CLIENT_ID) != 0)
    {
      oauth_error (msg, "invalid_client");
      return;
    }

  if (g_str_equal (grant, "client_credentials"))
    {
      if (g_strcmp0 (g_hash_table_lookup (form, "client_secret"), FAKE_SECRET) != 0 &&
          fake->echo_secret)
        {
          /* A hostile sign-in service repeats what it was sent */
          g_autofree char *json =
              g_strdup_printf ("{\"error\":\"invalid_client\","
                               "\"error_description\":\"AADSTS7000215: "
                               "Invalid client secret %s provided.\"}",
                               (char *) g_hash_table_lookup (form, "client_secret"));
          set_json (msg, 401, json);
        }
      else if (g_strcmp0 (g_hash_table_lookup (form, "client_secret"), FAKE_SECRET) != 0)
        oauth_error (msg, "invalid_client");
      else if (scope == NULL || strstr (scope, "offline_access") != NULL)
        oauth_error (msg, "invalid_scope");
      else
        issue_tokens (fake, msg, scope, FALSE);
      return;
    }

  if (g_str_equal (grant, "refresh_token"))
    {
      if (fake->refresh_token == NULL ||
          g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), fake->refresh_token) != 0)
        oauth_error (msg, "invalid_grant");
      else
        issue_tokens (fake, msg, scope, fake->rotate_refresh);
      return;
    }

  if (g_str_equal (grant, "urn:ietf:params:oauth:grant-type:device_code"))
    {
      fake->device_polls++;
      if (g_strcmp0 (g_hash_table_lookup (form, "device_code"), "DEVICE-CODE-secret") != 0)
        oauth_error (msg, "bad_verification_code");
      else if (fake->device_slow_down > 0)
        {
          fake->device_slow_down--;
          oauth_error (msg, "slow_down");
        }
      else if (fake->device_pending > 0)
        {
          fake->device_pending--;
          oauth_error (msg, "authorization_pending");
        }
      else if (fake->device_outcome != NULL)
        oauth_error (msg, fake->device_outcome);
      else
        issue_tokens (fake, msg, "https://service.powerapps.com/.default offline_access", TRUE);
      return;
    }

  oauth_error (msg, "unsupported_grant_type");
}

static void
disconnected_cb (SoupServerMessage *msg)
{
  g_object_set_data (G_OBJECT (msg), "fake-disconnected", GINT_TO_POINTER (1));
}

static void
pause_message (SoupServerMessage *msg)
{
  g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), NULL);
  soup_server_message_pause (msg);
}

static void
unpause_message (SoupServerMessage *msg)
{
  /* The client may have given up (cancelled, timed out) meanwhile. */
  if (g_object_get_data (G_OBJECT (msg), "fake-disconnected") == NULL)
    soup_server_message_unpause (msg);
}

static gboolean
unpause_cb (gpointer data)
{
  unpause_message (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* On the context the server runs on (a test may use a private one). */
static void
unpause_later (SoupServerMessage *msg,
               guint              ms)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, unpause_cb, g_object_ref (msg), NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

static const char *
expected_aud (FakeTenant *fake,
              const char *path)
{
  if (g_str_has_prefix (path, "/dataverse/"))
    return fake->base;
  if (g_str_has_prefix (path, "/v1.0/"))
    return "https://graph.microsoft.com";
  return "https://service.powerapps.com";
}

static gboolean
check_bearer (FakeTenant        *fake,
              SoupServerMessage *msg,
              const char        *path)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autofree char *needle = NULL;
  const char *token;

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer "))
    return FALSE;
  token = auth + strlen ("Bearer ");
  for (guint i = 0; i < fake->issued->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (fake->issued, i), token))
        {
          g_auto(GStrv) parts = g_strsplit (token, ".", 3);
          g_autofree guchar *payload = NULL;
          g_autofree char *padded = NULL;
          gsize len;

          padded = g_strdup_printf ("%s==", parts[1]);
          for (char *p = padded; *p; p++)
            *p = *p == '-' ? '+' : *p == '_' ? '/' : *p;
          payload = g_base64_decode (padded, &len);
          needle = g_strdup_printf ("\"aud\":\"%s\"", expected_aud (fake, path));
          return payload != NULL && g_strstr_len ((const char *) payload, len, needle) != NULL;
        }
    }
  return FALSE;
}

static void
write_truncated (SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  const char *raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    "Content-Length: 4000\r\nConnection: close\r\n\r\n{\"value\":[{\"name\":";

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw), NULL,
                             NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

/* Raw answers
 *
 * A writer is held by fake->raw_streams and by its write in flight, if any: freeing the
 * fake detaches its writers (cancelled, fake unset), and a write that completes after
 * that, cancelled, only drops its own reference. */

typedef struct
{
  guint          ref_count;
  FakeTenant    *fake;         /* NULL once detached */
  GIOStream     *stream;
  FakeRaw        raw;
  guint          interval_ms;
  GBytes        *chunk;        /* what is written again and again */
  GCancellable  *cancellable;
  GSource       *drip;
} RawWriter;

static RawWriter *
raw_writer_ref (RawWriter *writer)
{
  writer->ref_count++;
  return writer;
}

static void
raw_writer_unref (RawWriter *writer)
{
  if (--writer->ref_count > 0)
    return;

  g_assert (writer->drip == NULL);
  g_io_stream_close (writer->stream, NULL, NULL);
  g_clear_object (&writer->stream);
  g_clear_pointer (&writer->chunk, g_bytes_unref);
  g_clear_object (&writer->cancellable);
  g_free (writer);
}

/* fake->raw_streams' free function: stops the writer and drops the array's reference. */
static void
raw_writer_detach (RawWriter *writer)
{
  if (writer->drip != NULL)
    {
      g_source_destroy (writer->drip);
      g_clear_pointer (&writer->drip, g_source_unref);
    }
  g_cancellable_cancel (writer->cancellable);
  writer->fake = NULL;
  raw_writer_unref (writer);
}

static void raw_write_next (RawWriter *writer);

static void
raw_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RawWriter *writer = user_data;   /* the write's reference */
  gsize written = 0;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &written, NULL))
    {
      /* The client hung up, or the fake is gone: the attack is over. */
      if (writer->fake != NULL)
        g_ptr_array_remove (writer->fake->raw_streams, writer);
    }
  else if (writer->fake != NULL)
    {
      writer->fake->raw_bytes += written;
      raw_write_next (writer);
    }
  raw_writer_unref (writer);
}

static gboolean
raw_drip_cb (gpointer user_data)
{
  RawWriter *writer = user_data;

  if (!g_output_stream_write_all (g_io_stream_get_output_stream (writer->stream), " ", 1, NULL,
                                  NULL, NULL))
    {
      g_ptr_array_remove (writer->fake->raw_streams, writer);
      return G_SOURCE_REMOVE;
    }
  writer->fake->raw_bytes++;
  return G_SOURCE_CONTINUE;
}

static void
raw_write_next (RawWriter *writer)
{
  gsize size;
  const char *data = g_bytes_get_data (writer->chunk, &size);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (writer->stream), data, size,
                                   G_PRIORITY_DEFAULT, writer->cancellable, raw_written_cb,
                                   raw_writer_ref (writer));
}

/* An HTTP/1.1 chunk of @data, repeated as many times as the writer likes. */
static GBytes *
http_chunk (const char *data,
            gsize       size)
{
  GString *chunk = g_string_new (NULL);

  g_string_append_printf (chunk, "%" G_GSIZE_MODIFIER "x\r\n", size);
  g_string_append_len (chunk, data, size);
  g_string_append (chunk, "\r\n");
  return g_string_free_to_bytes (chunk);
}

/* Two flushed segments of a gzip stream of zeros: the header and a first segment, then
 * a second segment whose back-references only reach zeros, so it may follow itself
 * forever. Each repetition decompresses to 1 MiB. */
static void
gzip_bomb_segments (GBytes **out_head,
                    GBytes **out_repeat)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
  g_autofree guint8 *out = g_malloc (64 * 1024);

  for (guint round = 0; round < 2; round++)
    {
      gsize read = 0;
      gsize written = 0;
      gsize in_done = 0;
      GByteArray *segment = g_byte_array_new ();
      GConverterResult result;

      do
        {
          result = g_converter_convert (G_CONVERTER (compressor), zeros + in_done,
                                        1024 * 1024 - in_done, out, 64 * 1024,
                                        G_CONVERTER_FLUSH, &read, &written, NULL);
          g_assert_cmpint (result, !=, G_CONVERTER_ERROR);
          in_done += read;
          g_byte_array_append (segment, out, written);
        }
      while (result != G_CONVERTER_FLUSHED);

      if (round == 0)
        *out_head = g_byte_array_free_to_bytes (segment);
      else
        *out_repeat = g_byte_array_free_to_bytes (segment);
    }
}

static void
answer_raw (FakeTenant        *fake,
            SoupServerMessage *msg,
            FakeFault         *fault)
{
  RawWriter *writer = g_new0 (RawWriter, 1);
  GOutputStream *out;
  const char *head;

  writer->ref_count = 1;   /* fake->raw_streams' */
  writer->fake = fake;
  writer->raw = fault->raw;
  writer->cancellable = g_cancellable_new ();
  writer->stream = soup_server_message_steal_connection (msg);
  out = g_io_stream_get_output_stream (writer->stream);
  g_ptr_array_add (fake->raw_streams, writer);

  switch (fault->raw)
    {
    case FAKE_RAW_DRIP:
      head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
             "Content-Length: 100000\r\n\r\n";
      g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
      /* Where the server runs: a test may run it on a private main context. */
      writer->drip = g_timeout_source_new (fault->interval_ms);
      g_source_set_callback (writer->drip, raw_drip_cb, writer, NULL);
      g_source_attach (writer->drip, g_main_context_get_thread_default ());
      break;

    case FAKE_RAW_ENDLESS:
      {
        g_autofree char *spaces = g_malloc (64 * 1024);

        memset (spaces, ' ', 64 * 1024);
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
               "Transfer-Encoding: chunked\r\n\r\n";
        g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
        writer->chunk = http_chunk (spaces, 64 * 1024);
        raw_write_next (writer);
      }
      break;

    case FAKE_RAW_GZIP_BOMB:
      {
        g_autoptr(GBytes) first = NULL;
        g_autoptr(GBytes) repeat = NULL;
        g_autoptr(GBytes) first_chunk = NULL;
        gsize size;
        const char *data;

        gzip_bomb_segments (&first, &repeat);
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
               "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n";
        g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
        data = g_bytes_get_data (first, &size);
        first_chunk = http_chunk (data, size);
        data = g_bytes_get_data (first_chunk, &size);
        g_output_stream_write_all (out, data, size, NULL, NULL, NULL);
        data = g_bytes_get_data (repeat, &size);
        writer->chunk = http_chunk (data, size);
        raw_write_next (writer);
      }
      break;

    case FAKE_RAW_DECLARE_HUGE:
      head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
             "Content-Length: 5368709120\r\n\r\n{\"value\":[";
      g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
      break;

    case FAKE_RAW_REDIRECT:
    case FAKE_RAW_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
environment_json (FakeTenant *fake,
                  GString    *out,
                  guint       index)
{
  g_string_append_printf (out,
                          "{\"name\":\"env-%u\",\"id\":\"/providers/Microsoft.BusinessAppPlatform/"
                          "scopes/admin/environments/env-%u\",\"properties\":{\"displayName\":"
                          "\"Env %u\",\"environmentSku\":\"Production\",\"isDefault\":%s,"
                          "\"linkedEnvironmentMetadata\":",
                          index, index, index, index == 0 ? "true" : "false");
  if (index % 3 == 2)
    g_string_append (out, "null");
  else if (fake->foreign_instance_url != NULL && index == 1)
    g_string_append_printf (out, "{\"instanceUrl\":\"%s\"}", fake->foreign_instance_url);
  else
    g_string_append_printf (out, "{\"instanceUrl\":\"%s/dataverse/env-%u/\"}", fake->base, index);
  g_string_append (out, "}}");
}

/* Dataverse: organizations ($select as strict as the service), the System
 * Administrator role copies (the first one's users paged on env-0) */

static const char *org_columns[] = {
  "organizationid", "enableipbasedfirewallrule", "enableipbasedfirewallruleinauditmode",
  "allowediprangeforfirewall", "allowedlistofiprangesforfirewall", "enableipbasedcookiebinding",
  "isauditenabled", "isuseraccessauditenabled", "auditretentionperiodv2",
  "iscontentsecuritypolicyenabled", "iscontentsecuritypolicyenabledforcanvas",
  "restrictGuestUserAccess", "applicationbasedaccesscontrolmode",
  "allowedapplicationsfordvaccess", "blockedapplicationsfordvaccess",
};

static gboolean
org_knows_column (FakeTenant *fake,
                  guint       index,
                  const char *column)
{
  /* An older Dataverse: the newer columns are unknown to it. */
  if (fake->dataverse_old >= 0 && index == (guint) fake->dataverse_old &&
      (g_ascii_strcasecmp (column, "restrictGuestUserAccess") == 0 ||
       g_ascii_strcasecmp (column, "applicationbasedaccesscontrolmode") == 0))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (org_columns); i++)
    if (g_ascii_strcasecmp (org_columns[i], column) == 0)
      return TRUE;
  return FALSE;
}

static void
org_value (GString    *out,
           const char *column,
           guint       index)
{
  if (g_str_equal (column, "organizationid"))
    g_string_append_printf (out, "\"aaaaaaaa-bbbb-4ccc-8ddd-%012u\"", index);
  else if (g_str_equal (column, "isauditenabled"))
    g_string_append (out, index % 2 ? "true" : "false");
  else if (g_str_equal (column, "auditretentionperiodv2") ||
           g_str_equal (column, "applicationbasedaccesscontrolmode"))
    g_string_append (out, "0");
  else if (g_str_has_prefix (column, "allowed") || g_str_has_prefix (column, "blocked"))
    g_string_append (out, "null");
  else
    g_string_append (out, "false");
}

static void
handle_organizations (FakeTenant        *fake,
                      SoupServerMessage *msg,
                      guint              index,
                      GHashTable        *query)
{
  const char *select = query != NULL ? g_hash_table_lookup (query, "$select") : NULL;
  g_auto(GStrv) columns = g_strsplit (select != NULL ? select : "organizationid", ",", -1);
  GString *out = g_string_new ("{\"@odata.context\":\"x\",\"value\":[{");

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (!org_knows_column (fake, index, columns[i]))
        {
          g_autofree char *message = g_strdup_printf ("Could not find a property named '%s' on "
                                                      "type 'Microsoft.Dynamics.CRM.organization'.",
                                                      columns[i]);

          set_error (msg, 400, "0x80060888", message);
          g_string_free (out, TRUE);
          return;
        }
      g_string_append_printf (out, "%s\"%s\":", i > 0 ? "," : "", columns[i]);
      org_value (out, columns[i], index);
    }
  g_string_append (out, "}]}");
  set_json (msg, 200, out->str);
  g_string_free (out, TRUE);
}

static void
handle_roles (FakeTenant        *fake,
              SoupServerMessage *msg,
              const char        *path,
              guint              index,
              GHashTable        *query)
{
  const char *filter = query != NULL ? g_hash_table_lookup (query, "$filter") : NULL;
  const char *expand = query != NULL ? g_hash_table_lookup (query, "$expand") : NULL;
  g_autofree char *json = NULL;

  /* The users of the first role copy, second page */
  if (strstr (path, "/systemuserroles_association") != NULL)
    {
      set_json (msg, 200, "{\"value\":[{\"systemuserid\":\"u-3\",\"isdisabled\":false,"
                "\"accessmode\":0,\"applicationid\":null,"
                "\"azureactivedirectoryobjectid\":\"a-3\"}]}");
      return;
    }

  if (g_strcmp0 (filter, "_roletemplateid_value eq 627090ff-40a3-4053-8790-584edc5be201") != 0 ||
      expand == NULL || !g_str_has_prefix (expand, "systemuserroles_association($select="))
    {
      set_error (msg, 400, "0x80060888", "The query is not the System Administrator query.");
      return;
    }

  json = g_strdup_printf (
    "{\"@odata.context\":\"x\",\"value\":["
    "{\"roleid\":\"r-%u-1\",\"systemuserroles_association\":["
    "{\"systemuserid\":\"u-1\",\"isdisabled\":false,\"accessmode\":0,\"applicationid\":null,"
    "\"azureactivedirectoryobjectid\":\"a-1\"},"
    "{\"systemuserid\":\"u-2\",\"isdisabled\":false,\"accessmode\":4,"
    "\"applicationid\":\"app-2\",\"azureactivedirectoryobjectid\":null}]%s},"
    "{\"roleid\":\"r-%u-2\",\"systemuserroles_association\":[]}]}",
    index, index == 0 ? ",\"systemuserroles_association@odata.nextLink\":"
                        "\"%BASE%/dataverse/env-0/api/data/v9.2/roles(r-0-1)/"
                        "systemuserroles_association?$skiptoken=2\"" : "", index);
  {
    g_autoptr(GString) text = g_string_new (json);

    g_string_replace (text, "%BASE%", fake->base, 0);
    set_json (msg, 200, text->str);
  }
}

static void
handle_dataverse (FakeTenant        *fake,
                  SoupServerMessage *msg,
                  const char        *method,
                  const char        *path,
                  GHashTable        *query)
{
  guint index = (guint) atoi (path + strlen ("/dataverse/env-"));

  if (g_str_equal (method, "PATCH"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      g_ptr_array_add (fake->writes,
                       g_strdup_printf ("PATCH %s %.*s", path, (int) body->length, body->data));
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }
  if (fake->dataverse_forbidden >= 0 && index == (guint) fake->dataverse_forbidden)
    {
      set_error (msg, 403, "0x80040220", "The user is not a member of the organization.");
      return;
    }
  if (fake->delay_dataverse && index < 8)
    {
      pause_message (msg);
      unpause_later (msg, 10 * (8 - index));
    }
  if (strstr (path, "/api/data/v9.2/roles") != NULL)
    handle_roles (fake, msg, path, index, query);
  else if (strstr (path, "/api/data/v9.2/organizations") != NULL)
    handle_organizations (fake, msg, index, query);
  else
    set_error (msg, 404, "0x80060888", "Resource not found for the segment.");
}

/* Microsoft Graph: Conditional Access (two pages), security defaults, Global
 * Administrators (two users and a group), the group's members (two pages) */

static void
graph_forbidden (SoupServerMessage *msg)
{
  set_json (msg, 403, "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":"
            "\"Insufficient privileges to complete the operation.\",\"innerError\":"
            "{\"request-id\":\"1\"}}}");
}

static gboolean
handle_graph (FakeTenant        *fake,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query)
{
  const char *skip = query != NULL ? g_hash_table_lookup (query, "$skiptoken") : NULL;
  g_autofree char *json = NULL;

  if (g_str_equal (path, "/v1.0/identity/conditionalAccess/policies"))
    {
      if (fake->graph_forbidden)
        graph_forbidden (msg);
      else if (skip == NULL)
        {
          json = g_strdup_printf ("{\"@odata.context\":\"ca\",\"value\":[{\"id\":\"ca-1\","
                                  "\"displayName\":\"Require MFA\",\"state\":\"enabled\"}],"
                                  "\"@odata.nextLink\":\"%s\"}",
                                  fake->graph_next_link != NULL ? fake->graph_next_link
                                  : "%BASE%/v1.0/identity/conditionalAccess/policies?$skiptoken=2");
          {
            g_autoptr(GString) text = g_string_new (json);

            g_string_replace (text, "%BASE%", fake->base, 0);
            set_json (msg, 200, text->str);
          }
        }
      else
        set_json (msg, 200, "{\"@odata.context\":\"ca\",\"value\":[{\"id\":\"ca-2\","
                  "\"displayName\":\"Block legacy\",\"state\":\"disabled\"}]}");
      return TRUE;
    }
  if (g_str_equal (path, "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"))
    {
      if (fake->graph_forbidden)
        graph_forbidden (msg);
      else
        set_json (msg, 200, "{\"@odata.context\":\"sd\",\"id\":\"00000000-0000-0000-0000-"
                  "000000000005\",\"displayName\":\"Security Defaults\",\"isEnabled\":false}");
      return TRUE;
    }
  if (g_str_equal (path, "/v1.0/roleManagement/directory/roleAssignments"))
    {
      const char *filter = query != NULL ? g_hash_table_lookup (query, "$filter") : NULL;

      if (fake->graph_forbidden)
        graph_forbidden (msg);
      else if (g_strcmp0 (filter, "roleDefinitionId eq '62e90394-69f5-4237-9190-012177145e10'") !=
                   0 ||
               g_strcmp0 (g_hash_table_lookup (query, "$expand"), "principal") != 0)
        set_error (msg, 400, "BadRequest", "Invalid filter clause");
      else
        set_json (msg, 200, "{\"value\":["
                  "{\"id\":\"ra-1\",\"principal\":{\"@odata.type\":\"#microsoft.graph.user\","
                  "\"id\":\"u-1\"}},"
                  "{\"id\":\"ra-2\",\"principal\":{\"@odata.type\":\"#microsoft.graph.group\","
                  "\"id\":\"g-1\"}},"
                  "{\"id\":\"ra-3\",\"principal\":{\"@odata.type\":\"#microsoft.graph.user\","
                  "\"id\":\"u-2\"}},"
                  "{\"id\":\"ra-4\",\"principal\":{\"@odata.type\":\"#microsoft.graph.group\","
                  "\"id\":\"g-1\"}}]}");
      return TRUE;
    }
  if (g_str_equal (path, "/v1.0/groups/g-1/transitiveMembers"))
    {
      if (skip == NULL)
        {
          json = g_strdup_printf ("{\"value\":[{\"@odata.type\":\"#microsoft.graph.user\","
                                  "\"id\":\"u-3\"}],\"@odata.nextLink\":\"%s/v1.0/groups/g-1/"
                                  "transitiveMembers?$skiptoken=2\"}", fake->base);
          set_json (msg, 200, json);
        }
      else
        set_json (msg, 200, "{\"value\":[{\"@odata.type\":\"#microsoft.graph.user\","
                  "\"id\":\"u-4\"},{\"@odata.type\":\"#microsoft.graph.group\","
                  "\"id\":\"g-2\"}]}");
      return TRUE;
    }
  return FALSE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  FakeTenant *fake = user_data;
  const char *method = soup_server_message_get_method (msg);

  fake->requests++;

  for (guint i = 0; i < fake->faults->len; i++)
    {
      FakeFault *fault = g_ptr_array_index (fake->faults, i);

      if (fault->remaining == 0 || strstr (path, fault->match) == NULL)
        continue;
      fault->remaining--;
      if (!strstr (path, "/oauth2/"))
        fake->api_requests++;
      if (fault->hang)
        {
          pause_message (msg);
          g_ptr_array_add (fake->hanging, g_object_ref (msg));
          return;
        }
      if (fault->truncate)
        {
          write_truncated (msg);
          return;
        }
      if (fault->raw == FAKE_RAW_REDIRECT)
        {
          soup_server_message_set_redirect (msg, fault->status, fault->location);
          return;
        }
      if (fault->raw != FAKE_RAW_NONE)
        {
          answer_raw (fake, msg, fault);
          return;
        }
      if (fault->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", fault->retry_after);
      set_error (msg, fault->status, fault->status == 429 ? "TooManyRequests" : "Fault",
                 fault->message != NULL ? fault->message : "Injected fault");
      return;
    }

  if (strstr (path, "/oauth2/v2.0/"))
    {
      g_autoptr(GHashTable) form = NULL;
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autofree char *text = g_strndup (body->data, body->length);

      form = soup_form_decode (text);
      if (!g_str_has_prefix (path, "/" FAKE_TENANT_ID "/") &&
          !g_str_has_prefix (path, "/" FAKE_TENANT_DOMAIN "/"))
        oauth_error (msg, "invalid_tenant");
      else if (g_str_has_suffix (path, "/devicecode"))
        {
          g_autofree char *json = g_strdup_printf (
            "{\"user_code\":\"ABCD-1234\",\"device_code\":\"DEVICE-CODE-secret\","
            "\"verification_uri\":\"https://microsoft.com/devicelogin\",\"expires_in\":900,"
            "\"interval\":%u,\"message\":\"To sign in, open https://microsoft.com/devicelogin "
            "and enter ABCD-1234.\"}", fake->device_interval);
          set_json (msg, 200, json);
        }
      else
        handle_token (fake, msg, form);
      return;
    }

  fake->api_requests++;
  g_free (fake->accept_encoding);
  fake->accept_encoding = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Accept-Encoding"));

  if (!check_bearer (fake, msg, path))
    {
      set_error (msg, 401, "InvalidAuthenticationToken", "The access token is invalid");
      return;
    }

  if (fake->admin_app_missing && g_str_has_prefix (path, "/providers/"))
    {
      set_error (msg, 403, "Forbidden", "The service principal with id 'x' for application y "
                 "does not have permission to access the path 'https://10.0.1.32:20029/providers' "
                 "in tenant z.");
      return;
    }

  if (g_str_has_suffix (path, "/listTenantSettings") && g_str_equal (method, "POST"))
    {
      g_free (fake->settings_content_type);
      fake->settings_content_type = g_strdup (soup_message_headers_get_content_type (
        soup_server_message_get_request_headers (msg), NULL));
      set_json (msg, 200, "{\"disableEnvironmentCreationByNonAdminUsers\":false,"
                "\"powerPlatform\":{\"powerApps\":{\"disableShareWithEveryone\":false,"
                "\"enableGuestsToMake\":true}}}");
      return;
    }
  if (g_str_has_suffix (path, "/updateTenantSettings") && g_str_equal (method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      g_autofree char *copy = g_strndup (body->data, body->length);

      g_ptr_array_add (fake->writes, g_strdup_printf ("POST %s %s", path, copy));
      set_json (msg, 200, copy);
      return;
    }
  if (g_str_has_suffix (path, "/scopes/admin/environments"))
    {
      const char *page_s = query ? g_hash_table_lookup (query, "page") : NULL;
      guint page = page_s ? (guint) atoi (page_s) : 0;
      GString *out = g_string_new ("{\"value\":[");

      for (guint i = 0; i < fake->per_page; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          environment_json (fake, out, page * fake->per_page + i);
        }
      g_string_append (out, "]");
      if (page + 1 < fake->n_pages)
        {
          if (page == 1 && fake->foreign_next_link != NULL)
            g_string_append_printf (out, ",\"nextLink\":\"%s\"", fake->foreign_next_link);
          else
            g_string_append_printf (out,
                                    ",\"nextLink\":\"%s/providers/Microsoft.BusinessAppPlatform/"
                                    "scopes/admin/environments?api-version=2023-06-01&page=%u\"",
                                    fake->base, page + 1);
        }
      g_string_append (out, "}");
      set_json (msg, 200, out->str);
      g_string_free (out, TRUE);
      return;
    }
  if (g_str_has_prefix (path,
                        "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/"))
    {
      GString *out = g_string_new (NULL);

      environment_json (fake, out, 0);
      set_json (msg, 200, out->str);
      g_string_free (out, TRUE);
      return;
    }
  if (g_str_has_suffix (path, "/governanceConfiguration") && g_str_equal (method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      g_ptr_array_add (fake->writes,
                       g_strdup_printf ("POST %s %.*s", path, (int) body->length, body->data));
      soup_server_message_set_status (msg, 202, NULL);
      return;
    }
  if (g_str_equal (path, "/providers/PowerPlatform.Governance/v2/policies"))
    {
      if (g_str_equal (method, "POST"))
        {
          SoupMessageBody *body = soup_server_message_get_request_body (msg);

          g_ptr_array_add (fake->writes,
                           g_strdup_printf ("POST %s %.*s", path, (int) body->length, body->data));
          set_json (msg, 201,
                    "{\"policyDefinition\":{\"name\":\"p-new\",\"environmentType\":"
                    "\"AllEnvironments\"}}");
          return;
        }
      set_json (msg, 200, "{\"value\":[{\"policyDefinition\":{\"name\":\"p-b\"}},"
                "{\"policyDefinition\":{\"name\":\"p-a\"}},{\"name\":\"p-c\"}]}");
      return;
    }
  if (g_str_has_prefix (path, "/providers/PowerPlatform.Governance/v2/policies/"))
    {
      const char *name = path + strlen ("/providers/PowerPlatform.Governance/v2/policies/");
      g_autofree char *json = g_strdup_printf ("{\"policyDefinition\":{\"name\":\"%s\","
                                               "\"environmentType\":\"AllEnvironments\"}}", name);

      if (g_str_equal (method, "PATCH"))
        {
          SoupMessageBody *body = soup_server_message_get_request_body (msg);

          g_ptr_array_add (fake->writes,
                           g_strdup_printf ("PATCH %s %.*s", path, (int) body->length, body->data));
        }
      /* p-a answers late so that completion order differs from list order */
      if (g_str_equal (name, "p-b"))
        {
          pause_message (msg);
          unpause_later (msg, 30);
        }
      set_json (msg, 200, json);
      return;
    }
  if (strstr (path, "/tenantIsolationPolicy"))
    {
      if (g_str_equal (method, "PUT"))
        {
          SoupMessageBody *body = soup_server_message_get_request_body (msg);

          g_autofree char *copy = g_strndup (body->data, body->length);

          g_ptr_array_add (fake->writes, g_strdup_printf ("PUT %s %s", path, copy));
          fake->isolation_configured = TRUE;
          set_json (msg, 200, copy);
          return;
        }
      if (!fake->isolation_configured)
        set_error (msg, 404, "NotFound", "No tenant isolation policy");
      else
        set_json (msg, 200,
                  "{\"properties\":{\"tenantId\":\"" FAKE_TENANT_ID "\",\"isDisabled\":false,"
                  "\"allowedTenants\":[]}}");
      return;
    }
  if (g_str_equal (path, "/v1.0/organization"))
    {
      set_json (msg, 200,
                "{\"value\":[{\"id\":\"" FAKE_TENANT_ID "\",\"displayName\":\"Fabrikam\"}]}");
      return;
    }
  if (g_str_has_prefix (path, "/dataverse/"))
    {
      handle_dataverse (fake, msg, method, path, query);
      return;
    }
  if (g_str_has_prefix (path, "/v1.0/") && handle_graph (fake, msg, path, query))
    return;

  set_error (msg, 404, "NotFound", "No such path");
}

static void
request_read_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 FakeTenant        *fake)
{
  fake->in_flight++;
  fake->max_in_flight = MAX (fake->max_in_flight, fake->in_flight);
}

static void
request_done_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 FakeTenant        *fake)
{
  if (fake->in_flight > 0)
    fake->in_flight--;
}

FakeTenant *
fake_tenant_new (void)
{
  FakeTenant *fake = g_new0 (FakeTenant, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  GUri *uri;

  fake->server = soup_server_new (NULL, NULL);
  fake->scope_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->issued = g_ptr_array_new_with_free_func (g_free);
  fake->faults = g_ptr_array_new_with_free_func (fault_free);
  fake->hanging = g_ptr_array_new_with_free_func (g_object_unref);
  fake->raw_streams = g_ptr_array_new_with_free_func ((GDestroyNotify) raw_writer_detach);
  fake->writes = g_ptr_array_new_with_free_func (g_free);
  fake->n_pages = 3;
  fake->per_page = 3;
  fake->dataverse_forbidden = -1;
  fake->dataverse_old = -1;
  fake->refresh_token = g_strdup (FAKE_REFRESH);
  fake->device_interval = 0;

  soup_server_add_handler (fake->server, NULL, handler, fake, NULL);
  g_signal_connect (fake->server, "request-read", G_CALLBACK (request_read_cb), fake);
  g_signal_connect (fake->server, "request-finished", G_CALLBACK (request_done_cb), fake);
  g_signal_connect (fake->server, "request-aborted", G_CALLBACK (request_done_cb), fake);
  if (!soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen: %s", error->message);

  uris = soup_server_get_uris (fake->server);
  uri = uris->data;
  fake->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return fake;
}

void
fake_tenant_free (FakeTenant *fake)
{
  for (guint i = 0; i < fake->hanging->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (fake->hanging, i);

      soup_server_message_set_status (msg, 500, NULL);
      unpause_message (msg);
    }
  /* Detached and cancelled: a write still in flight finishes on its own reference. */
  g_ptr_array_set_size (fake->raw_streams, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_unref (fake->hanging);
  g_ptr_array_unref (fake->raw_streams);
  g_free (fake->settings_content_type);
  g_free (fake->accept_encoding);
  g_ptr_array_unref (fake->faults);
  g_ptr_array_unref (fake->issued);
  g_ptr_array_unref (fake->writes);
  g_hash_table_unref (fake->scope_tokens);
  g_free (fake->base);
  g_free (fake->refresh_token);
  g_free (fake->device_outcome);
  g_free (fake->foreign_next_link);
  g_free (fake->foreign_instance_url);
  g_free (fake->graph_next_link);
  g_free (fake);
}

void
fake_tenant_add_fault (FakeTenant *fake,
                       const char *match,
                       guint       count,
                       guint       status,
                       const char *retry_after,
                       gboolean    truncate,
                       gboolean    hang)
{
  FakeFault *fault = g_new0 (FakeFault, 1);

  fault->match = g_strdup (match);
  fault->remaining = count;
  fault->status = status;
  fault->retry_after = g_strdup (retry_after);
  fault->truncate = truncate;
  fault->hang = hang;
  g_ptr_array_add (fake->faults, fault);
}

guint
fake_tenant_scope_count (FakeTenant *fake,
                         const char *scope)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fake->scope_tokens, scope));
}

FakeFault *
fake_tenant_add_raw (FakeTenant *fake,
                     const char *match,
                     guint       count,
                     FakeRaw     raw)
{
  fake_tenant_add_fault (fake, match, count, 0, NULL, FALSE, FALSE);
  ((FakeFault *) g_ptr_array_index (fake->faults, fake->faults->len - 1))->raw = raw;
  return g_ptr_array_index (fake->faults, fake->faults->len - 1);
}

void
fake_wait_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FakeWait *wait = user_data;

  wait->calls++;
  g_set_object (&wait->result, result);
}

static gboolean
watchdog_cb (gpointer data)
{
  g_error ("Test timed out");
  return G_SOURCE_REMOVE;
}

void
fake_wait_for (FakeWait *wait)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  GSource *watchdog = g_timeout_source_new_seconds (40);

  g_source_set_callback (watchdog, watchdog_cb, NULL, NULL);
  g_source_attach (watchdog, context);
  while (wait->result == NULL)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (watchdog);
  g_source_unref (watchdog);
  g_main_context_unref (context);
}

void
fake_wait_clear (FakeWait *wait)
{
  g_clear_object (&wait->result);
  wait->calls = 0;
}

void
fake_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (g_main_context_get_thread_default (), FALSE);
}

JsonNode *
fake_read_snapshot (PostureTenantClient    *client,
                    PostureTenantProgress  *progress,
                    GCancellable           *cancellable,
                    GStrv                  *warnings,
                    GError                **error)
{
  g_autoptr(PostureSnapshot) snapshot = NULL;
  FakeWait wait = { 0 };
  JsonNode *root;
  JsonArray *array;
  GStrvBuilder *builder;

  posture_tenant_client_read_snapshot_async (client, progress, cancellable, fake_wait_cb, &wait);
  fake_wait_for (&wait);
  g_assert_cmpuint (wait.calls, ==, 1);
  snapshot = posture_tenant_client_read_snapshot_finish (client, wait.result, error);
  fake_spin (20);
  g_assert_cmpuint (wait.calls, ==, 1);
  fake_wait_clear (&wait);
  if (warnings != NULL)
    *warnings = NULL;
  if (snapshot == NULL)
    return NULL;

  root = json_node_ref (posture_snapshot_get_json (snapshot));
  array = json_object_get_array_member (json_node_get_object (root), "warnings");
  g_assert_nonnull (array);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  if (warnings != NULL)
    *warnings = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return root;
}
