/* posture-ip-range.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-ip-range"

#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "posture-ip-range.h"

/* Strict dotted quad: four decimal parts of 1 to 3 digits, 0 to 255, no leading zero
 * (which some parsers read as octal). */
static gboolean
parse_ipv4 (const char *text)
{
  const char *p = text;

  for (guint part = 0; part < 4; part++)
    {
      guint value = 0;
      guint digits = 0;

      if (part > 0)
        {
          if (*p != '.')
            return FALSE;
          p++;
        }

      while (g_ascii_isdigit (*p) && digits < 4)
        {
          value = value * 10 + (guint) (*p - '0');
          digits++;
          p++;
        }

      if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && *(p - digits) == '0'))
        return FALSE;
    }

  return *p == '\0';
}

static gboolean
parse_ipv6 (const char *text)
{
  struct in6_addr addr;

  /* Hex digits, colons and an embedded dotted quad only: no zone ("%eth0"). */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) && *p != ':' && *p != '.')
      return FALSE;

  return strchr (text, ':') != NULL && inet_pton (AF_INET6, text, &addr) == 1;
}

PostureIpRangeCheck
posture_ip_range_check (const char *entry)
{
  g_autofree char *address = NULL;
  const char *slash;
  guint family_bits;
  guint widest;
  guint prefix;

  if (entry == NULL || entry[0] == '\0' || strlen (entry) > 64)
    return POSTURE_IP_RANGE_INVALID;

  slash = strchr (entry, '/');
  address = slash != NULL ? g_strndup (entry, slash - entry) : g_strdup (entry);

  if (parse_ipv4 (address))
    {
      family_bits = 32;
      widest = 8;
    }
  else if (parse_ipv6 (address))
    {
      family_bits = 128;
      widest = 16;
    }
  else
    return POSTURE_IP_RANGE_INVALID;

  if (slash == NULL)
    return POSTURE_IP_RANGE_VALID;

  prefix = 0;
  if (slash[1] == '\0' || strlen (slash + 1) > 3)
    return POSTURE_IP_RANGE_INVALID;
  for (const char *p = slash + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return POSTURE_IP_RANGE_INVALID;
      prefix = prefix * 10 + (guint) (*p - '0');
    }

  if (prefix > family_bits)
    return POSTURE_IP_RANGE_INVALID;
  if (prefix < widest)
    return POSTURE_IP_RANGE_TOO_WIDE;
  return POSTURE_IP_RANGE_VALID;
}

GStrv
posture_ip_range_split_list (const char *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) pieces = NULL;

  if (list == NULL)
    return g_strv_builder_end (builder);

  pieces = g_strsplit (list, ",", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_strstrip (pieces[i]);
      if (pieces[i][0] != '\0')
        g_strv_builder_add (builder, pieces[i]);
    }

  return g_strv_builder_end (builder);
}
