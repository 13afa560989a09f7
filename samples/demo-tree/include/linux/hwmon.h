#ifndef _LINUX_HWMON_H
#define _LINUX_HWMON_H
int hwmon_register(const char *name);
#endif
