import type { CatalogueItem, Group, OwnUnit, Registration, Staff } from '../../electron/ipc/contract';

export const unit: OwnUnit = {
  code: 'STP-TQ',
  name: 'Sở Tư pháp tỉnh Tuyên Quang',
  kind: 'so_tu_phap',
  province: 'Tuyên Quang',
  parentName: 'UBND tỉnh Tuyên Quang',
  keyId: '3f2a9c01ab12cd340000111122223333',
  fingerprint: '3F2A 9C01 AB12 CD34 0000 1111 2222 3333',
  fingerprintWords: 'ba – Ép – hai – A – chín – Xê – không – một',
  codeLockedReason: '',
};

export const group: Group = {
  id: 1,
  code: 'KVTD-MNPB',
  name: 'Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc',
  year: 2022,
  kind: 'khu_vuc',
  registrationDeadline: '2022-02-10',
  ownRole: 'leader',
  members: [
    { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', province: 'Tuyên Quang', parentName: '', role: 'leader', fingerprint: '', gatheredByDeputy: false },
    { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', kind: 'so_tu_phap', province: 'Hà Giang', parentName: '', role: 'member', fingerprint: '', gatheredByDeputy: false },
  ],
};

export const catalogue: CatalogueItem[] = [
  { code: 'TTLDXS', name: 'Tập thể lao động xuất sắc', kind: 'title', scope: 'collective', grantedBy: 'Bộ trưởng', legalBasis: '' },
  { code: 'LDTT', name: 'Lao động tiên tiến', kind: 'title', scope: 'individual', grantedBy: 'Thủ trưởng', legalBasis: '' },
  { code: 'CSTDCS', name: 'Chiến sĩ thi đua cơ sở', kind: 'title', scope: 'individual', grantedBy: 'Thủ trưởng', legalBasis: '' },
];

export const staff: Staff[] = [
  { id: 1, fullName: 'Đặng Văn Bình', birthYear: 1975, gender: 'nam', position: 'Giám đốc', department: 'Ban Giám đốc' },
  { id: 2, fullName: 'Nguyễn Thị Hương', birthYear: 1980, gender: 'nu', position: 'Phó Giám đốc', department: 'Ban Giám đốc' },
];

export function registration(over: Partial<Registration> = {}): Registration {
  return {
    recordId: '0b4a6c5e-8a43-4c5e-9d1f-0f4d7e8a9b10',
    version: 1,
    status: 'draft',
    unitCode: 'STP-TQ',
    groupCode: 'KVTD-MNPB',
    year: 2022,
    numberSymbol: '05/ĐK-STP',
    place: 'Tuyên Quang',
    documentDate: '2022-02-05',
    signerAuthority: '',
    signerTitle: 'Giám đốc',
    signerName: 'Đặng Văn Bình',
    recipients: ['Như trên'],
    exportedAt: null,
    collective: [{ titleCode: 'TTLDXS', note: '' }],
    individuals: [{ staffId: 1, fullName: 'Đặng Văn Bình', birthYear: 1975, gender: 'nam', position: 'Giám đốc', department: 'Ban Giám đốc', titleCode: 'LDTT' }],
    commitments: [{ kind: 'key_task', content: 'Hoàn thành 100% nhiệm vụ.' }],
    sent: null,
    ...over,
  };
}
