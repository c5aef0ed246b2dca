/* posture-demo-faults.c: the fault plan of the demo tenant ("429=0.1,latency=200ms,…")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-demo-faults"

#include "config.h"

#include <math.h>
#include <string.h>

#include "posture-demo-private.h"
#include "posture-demo-server.h"

#define MAX_STATUS_FAULTS 8
#define MAX_LATENCY_MS    60000
#define MAX_RETRY_AFTER   3600

typedef struct
{
  guint   status;
  double  probability;
} StatusFault;

struct _PostureDemoFaults
{
  StatusFault status_faults[MAX_STATUS_FAULTS];
  guint       n_status_faults;
  double      reset;
  double      truncate;
  guint       latency_ms;
  guint       retry_after;
};

static gboolean
parse_probability (const char  *item,
                   const char  *value,
                   double      *out,
                   GError     **error)
{
  char *end = NULL;
  double p;

  p = g_ascii_strtod (value, &end);
  if (value[0] == '\0' || end == NULL || *end != '\0' || isnan (p) || p < 0.0 || p > 1.0)
    {
      g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS,
                   "Invalid fault \"%s\": the rate must be a number from 0 to 1 (e.g. 0.05)",
                   item);
      return FALSE;
    }

  *out = p;
  return TRUE;
}

static gboolean
parse_duration_ms (const char  *item,
                   const char  *value,
                   guint       *out,
                   GError     **error)
{
  char *end = NULL;
  double v;

  v = g_ascii_strtod (value, &end);
  if (value[0] != '\0' && end != NULL && !isnan (v) && v >= 0)
    {
      if (*end == '\0' || g_str_equal (end, "ms"))
        ;
      else if (g_str_equal (end, "s"))
        v *= 1000;
      else
        end = NULL;

      if (end != NULL && v <= MAX_LATENCY_MS)
        {
          *out = (guint) v;
          return TRUE;
        }
    }

  g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS,
               "Invalid fault \"%s\": the latency must be a duration up to 60s (e.g. 200ms or 1s)",
               item);
  return FALSE;
}

PostureDemoFaults *
_posture_demo_faults_parse (const char  *spec,
                            GError     **error)
{
  g_autoptr(PostureDemoFaults) faults = NULL;
  g_auto(GStrv) items = NULL;
  double total = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  faults = g_new0 (PostureDemoFaults, 1);
  faults->retry_after = 1;

  if (spec == NULL)
    return g_steal_pointer (&faults);

  items = g_strsplit (spec, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));
      const char *eq;
      g_autofree char *key = NULL;
      const char *value;

      if (item[0] == '\0' || g_ascii_strcasecmp (item, "none") == 0)
        continue;

      eq = strchr (item, '=');
      if (eq == NULL)
        {
          g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS,
                       "Invalid fault \"%s\": expected KIND=VALUE, where KIND is an HTTP "
                       "status (429, 500, 503…), latency, reset, truncate or retry-after",
                       item);
          return NULL;
        }

      key = g_strstrip (g_strndup (item, eq - item));
      value = eq + 1;
      while (*value == ' ')
        value++;

      if (g_ascii_strcasecmp (key, "latency") == 0)
        {
          if (!parse_duration_ms (item, value, &faults->latency_ms, error))
            return NULL;
        }
      else if (g_ascii_strcasecmp (key, "retry-after") == 0)
        {
          guint64 v = 0;

          if (!g_ascii_string_to_unsigned (value, 10, 0, MAX_RETRY_AFTER, &v, NULL))
            {
              g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS,
                           "Invalid fault \"%s\": retry-after is a whole number of seconds "
                           "from 0 to %u", item, MAX_RETRY_AFTER);
              return NULL;
            }
          faults->retry_after = (guint) v;
        }
      else if (g_ascii_strcasecmp (key, "reset") == 0)
        {
          if (!parse_probability (item, value, &faults->reset, error))
            return NULL;
          total += faults->reset;
        }
      else if (g_ascii_strcasecmp (key, "truncate") == 0)
        {
          if (!parse_probability (item, value, &faults->truncate, error))
            return NULL;
          total += faults->truncate;
        }
      else
        {
          guint64 status = 0;
          double p = 0;

          if (!g_ascii_string_to_unsigned (key, 10, 400, 599, &status, NULL))
            {
              g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS,
                           "Invalid fault \"%s\": unknown kind \"%s\"; use an HTTP error "
                           "status from 400 to 599, latency, reset, truncate or retry-after",
                           item, key);
              return NULL;
            }
          if (!parse_probability (item, value, &p, error))
            return NULL;

          for (guint j = 0; j < faults->n_status_faults; j++)
            if (faults->status_faults[j].status == status)
              {
                g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS,
                             "Invalid fault \"%s\": status %u is given twice", item,
                             (guint) status);
                return NULL;
              }

          if (faults->n_status_faults == MAX_STATUS_FAULTS)
            {
              g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS,
                           "Invalid fault \"%s\": at most %d different statuses",
                           item, MAX_STATUS_FAULTS);
              return NULL;
            }

          faults->status_faults[faults->n_status_faults].status = (guint) status;
          faults->status_faults[faults->n_status_faults].probability = p;
          faults->n_status_faults++;
          total += p;
        }
    }

  if (total > 1.0 + 1e-9)
    {
      g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS,
                   "Invalid faults \"%s\": the rates add up to %.3f, more than 1", spec, total);
      return NULL;
    }

  return g_steal_pointer (&faults);
}

void
_posture_demo_faults_free (PostureDemoFaults *faults)
{
  g_free (faults);
}

/* One uniform draw per request picks at most one fault, so the rates are exact and
 * independent of each other; latency applies to every request. */
void
_posture_demo_faults_draw (PostureDemoFaults *faults,
                           GRand             *rand,
                           PostureDemoFault  *out_fault)
{
  double u;
  double edge = 0;

  g_assert (out_fault != NULL);

  memset (out_fault, 0, sizeof *out_fault);
  if (faults == NULL)
    return;

  out_fault->latency_ms = faults->latency_ms;
  u = g_rand_double (rand);

  for (guint i = 0; i < faults->n_status_faults; i++)
    {
      edge += faults->status_faults[i].probability;
      if (u < edge)
        {
          out_fault->kind = POSTURE_DEMO_FAULT_STATUS;
          out_fault->status = faults->status_faults[i].status;
          return;
        }
    }

  edge += faults->reset;
  if (u < edge)
    {
      out_fault->kind = POSTURE_DEMO_FAULT_RESET;
      return;
    }

  edge += faults->truncate;
  if (u < edge)
    out_fault->kind = POSTURE_DEMO_FAULT_TRUNCATE;
}

guint
_posture_demo_faults_get_retry_after (PostureDemoFaults *faults)
{
  return faults != NULL ? faults->retry_after : 1;
}

char *
_posture_demo_faults_to_string (PostureDemoFaults *faults)
{
  GString *str = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (faults == NULL)
    return g_string_free (str, FALSE);

  for (guint i = 0; i < faults->n_status_faults; i++)
    g_string_append_printf (str, "%s%u=%s", str->len ? "," : "", faults->status_faults[i].status,
                            g_ascii_dtostr (buf, sizeof buf, faults->status_faults[i].probability));
  if (faults->reset > 0)
    g_string_append_printf (str, "%sreset=%s", str->len ? "," : "",
                            g_ascii_dtostr (buf, sizeof buf, faults->reset));
  if (faults->truncate > 0)
    g_string_append_printf (str, "%struncate=%s", str->len ? "," : "",
                            g_ascii_dtostr (buf, sizeof buf, faults->truncate));
  if (faults->latency_ms > 0)
    g_string_append_printf (str, "%slatency=%ums", str->len ? "," : "", faults->latency_ms);

  return g_string_free (str, FALSE);
}
