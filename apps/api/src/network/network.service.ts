import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUniqueViolation, NetworkActionLog, NetworkDevice, Subscription, TenantNetworkSettings } from '@lunas/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DriftSchedules } from './drift-schedule';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { assertSameTenant, tenantFilter } from '../auth/tenant-scope';
import type { CreateNetworkDeviceDto, LiveSessionDto, NetworkActionDto, NetworkDeviceDto } from './network-devices.dto';

const NOT_FOUND = 'Perangkat jaringan tidak ditemukan';

/** The mitra's NAS / router registry, its live sessions (FreeRADIUS accounting) and the network action log. */
@Injectable()
export class NetworkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly driftSchedules: DriftSchedules,
  ) {}

  async devices(user: AuthenticatedUser, tenantId?: string): Promise<NetworkDeviceDto[]> {
    const rows = await this.withSecrets().where(tenantFilter(user, tenantId)).orderBy('d.name').getMany();
    return rows.map(toDto);
  }

  /**
   * Registers a device; a RADIUS NAS is also written to FreeRADIUS's `nas` table (the client it accepts). Then makes
   * sure the mitra's drift check schedule exists.
   */
  async create(user: AuthenticatedUser, input: CreateNetworkDeviceDto, ip: string | null): Promise<NetworkDeviceDto> {
    const tenantId = user.isSuperadmin && input.tenantId ? input.tenantId : user.tenantId;
    const device = await this.insert(user, tenantId, input, ip);
    const settings = await this.dataSource.manager.findOneBy(TenantNetworkSettings, { tenantId });
    await this.driftSchedules.ensure(tenantId, settings?.driftIntervalMinutes);
    return device;
  }

  private async insert(user: AuthenticatedUser, tenantId: string, input: CreateNetworkDeviceDto, ip: string | null): Promise<NetworkDeviceDto> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const device = await m.save(NetworkDevice, m.create(NetworkDevice, {
          tenantId, name: input.name, site: input.site ?? null, method: input.method, address: input.address, coaPort: input.coaPort ?? 3799,
          radiusSecret: input.method === 'radius' ? input.radiusSecret : null, apiPort: input.apiPort ?? 8728, apiTls: input.apiTls ?? false,
          apiUsername: input.method === 'routeros' ? input.apiUsername : null, apiPassword: input.method === 'routeros' ? input.apiPassword : null,
        }));
        if (device.method === 'radius') await writeNasClient(m, device);
        const dto = toDto(device);
        await this.audit.record({ actorUserId: user.userId, tenantId, action: 'network_device.create', entityType: 'network_device', entityId: device.id, after: { ...dto }, sourceIp: ip }, m);
        return dto;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('Nama atau alamat perangkat sudah dipakai perangkat lain mitra ini');
      throw error;
    }
  }

  async remove(user: AuthenticatedUser, id: string, ip: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const device = assertSameTenant(user, await m.findOne(NetworkDevice, { where: { id }, lock: { mode: 'pessimistic_write' } }), NOT_FOUND);
      await m.delete(NetworkDevice, { id });
      await m.query(`DELETE FROM nas WHERE shortname = $1`, [device.id]);
      await this.audit.record({ actorUserId: user.userId, tenantId: device.tenantId, action: 'network_device.delete', entityType: 'network_device', entityId: id, before: { ...toDto({ ...device, radiusSecret: null, apiPassword: null }) }, sourceIp: ip }, m);
    });
  }

  /** Open sessions in FreeRADIUS accounting of the mitra's subscribers (by PPPoE username), newest first. */
  async sessions(user: AuthenticatedUser, tenantId?: string): Promise<LiveSessionDto[]> {
    const scope = tenantFilter(user, tenantId).tenantId ?? null;
    const rows: Array<{ acctsessionid: string; username: string; subscription_id: string | null; nasip: string; framedip: string | null; acctstarttime: Date | null; isolated: boolean }> =
      await this.dataSource.query(
        `SELECT r.acctsessionid, r.username, s.id AS subscription_id, host(r.nasipaddress) AS nasip, host(r.framedipaddress) AS framedip, r.acctstarttime,
                EXISTS (SELECT 1 FROM radusergroup g WHERE g.username = r.username AND g.groupname = 'isolir-' || s.tenant_id) AS isolated
           FROM radacct r JOIN subscriptions s ON s.pppoe_username = r.username
          WHERE r.acctstoptime IS NULL AND ($1::uuid IS NULL OR s.tenant_id = $1)
          ORDER BY r.acctstarttime DESC NULLS LAST LIMIT 500`,
        [scope],
      );
    return rows.map((row) => ({
      acctSessionId: row.acctsessionid, userName: row.username, subscriptionId: row.subscription_id, nasIpAddress: row.nasip,
      framedIpAddress: row.framedip, startedAt: row.acctstarttime?.toISOString() ?? null, isolated: row.isolated,
    }));
  }

  async actions(user: AuthenticatedUser, subscriptionId: string): Promise<NetworkActionDto[]> {
    assertSameTenant(user, await this.dataSource.manager.findOneBy(Subscription, { id: subscriptionId }), 'Langganan tidak ditemukan');
    const rows = await this.dataSource.manager.find(NetworkActionLog, { where: { subscriptionId }, order: { createdAt: 'DESC' }, take: 200 });
    return rows.map((row) => ({
      id: row.id, action: row.action, result: row.result, adapter: row.adapter, detail: row.detail,
      createdAt: row.createdAt.toISOString(), completedAt: row.completedAt?.toISOString() ?? null,
    }));
  }

  private withSecrets() {
    return this.dataSource.manager.createQueryBuilder(NetworkDevice, 'd').addSelect(['d.radiusSecret', 'd.apiPassword']);
  }
}

/** FreeRADIUS accepts RADIUS from a client in its `nas` table; it needs the secret in the clear, like radcheck. */
async function writeNasClient(m: EntityManager, device: NetworkDevice): Promise<void> {
  await m.query(`DELETE FROM nas WHERE shortname = $1`, [device.id]);
  await m.query(`INSERT INTO nas (nasname, shortname, type, secret, description) VALUES ($1, $2, 'other', $3, $4)`, [device.address, device.id, device.radiusSecret, device.name]);
}

function toDto(device: NetworkDevice): NetworkDeviceDto {
  return {
    id: device.id, tenantId: device.tenantId, name: device.name, site: device.site, method: device.method, address: device.address,
    coaPort: device.coaPort, apiPort: device.apiPort, apiTls: device.apiTls, apiUsername: device.apiUsername,
    hasSecret: Boolean(device.radiusSecret ?? device.apiPassword),
  };
}

