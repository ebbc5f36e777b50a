import { describe, expect, it } from 'vitest';
import { formatDateVi, parseDateVi } from '../../electron/services/text/vietnamese';

describe('dates typed and read as dd/mm/yyyy', () => {
  it('reads the day first whatever the separator and leading zeros', () => {
    for (const typed of ['10/02/2022', '10/2/2022', '10.2.2022', '10-02-2022', ' 10 / 2 / 2022 ', '10022022']) {
      expect(parseDateVi(typed), typed).toEqual({ ok: true, iso: '2022-02-10' });
    }
    expect(parseDateVi('1/1/2023')).toEqual({ ok: true, iso: '2023-01-01' });
    expect(parseDateVi('29/02/2024')).toEqual({ ok: true, iso: '2024-02-29' });
  });

  it('says in Vietnamese what is wrong with a date that does not exist', () => {
    const wrong = (typed: string) => {
      const r = parseDateVi(typed);
      if (r.ok) throw new Error(`${typed} được nhận là ${r.iso}`);
      return r.message;
    };
    expect(wrong('31/02/2024')).toBe('Tháng 2 năm 2024 chỉ có 29 ngày: không có ngày 31/02/2024.');
    expect(wrong('29/02/2023')).toBe('Tháng 2 năm 2023 chỉ có 28 ngày: không có ngày 29/02/2023.');
    expect(wrong('31/04/2022')).toContain('Tháng 4 năm 2022 chỉ có 30 ngày');
    expect(wrong('10/13/2022')).toBe('Không có tháng 13: tháng phải từ 1 đến 12.');
    expect(wrong('0/1/2022')).toBe('Không có ngày 0: ngày phải từ 1 trở đi.');
    expect(wrong('10/2/22')).toBe('Năm phải viết đủ 4 chữ số, ví dụ 10/02/2022.');
    expect(wrong('01/01/0099')).toBe('Năm 99 không hợp lý: năm phải từ 1900 đến 2100.');
    expect(wrong('hôm qua')).toBe('Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 05/02/2022.');
    expect(wrong('2022-02-10')).toBe('Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 05/02/2022.');
  });

  it('shows every date a person reads as dd/mm/yyyy in Vietnam time', () => {
    expect(formatDateVi('2022-02-10')).toBe('10/02/2022');
    expect(formatDateVi('2022-02-09T18:30:00.000Z')).toBe('10/02/2022');
    expect(formatDateVi(null)).toBe('');
  });
});
