import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { FileHandle } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, Notice, useAction } from '../../components/ui';

const MB = 1024 * 1024;
export const sizeMb = (bytes: number) => `${(bytes / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** The size a bundle may have to go by email on this computer; above it, saving offers numbered parts. */
export function MailLimit() {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [megabytes, setMegabytes] = useState('');
  useEffect(() => {
    void api.call('bundles.partLimit', {}).then((r) => setMegabytes(String(r.bytes / MB)));
  }, [api]);
  const save = () =>
    run(
      () => api.call('bundles.setPartLimit', { megabytes: Number(megabytes.replace(',', '.')) }),
      (r) => `Đã lưu: gói lớn hơn ${sizeMb(r.bytes)} sẽ được đề nghị chia thành các phần khi lưu.`,
    );
  return (
    <section aria-labelledby="mail-limit-title">
      <h3 id="mail-limit-title">Dung lượng gửi thư điện tử</h3>
      <div className="row">
        <Field label="Giới hạn mỗi tệp đính kèm (MB)" hint="Thường 10–25 MB tùy hộp thư; gói lớn hơn được đề nghị chia thành các phần vừa giới hạn.">
          <input inputMode="numeric" value={megabytes} onChange={(e) => setMegabytes(e.target.value)} />
        </Field>
        <button type="button" disabled={busy || !megabytes} onClick={() => void save()}>
          Lưu giới hạn
        </button>
      </div>
      <Notice message={message} />
    </section>
  );
}

interface Offer {
  file: FileHandle;
  limit: number;
  done: (result: Promise<string>) => void;
}

/**
 * Saves a bundle just exported. Within this computer's mail limit it is saved as it is; above it,
 * the person sees its size and the limit and chooses: numbered parts that each fit (saved together),
 * or the one file. Returns what to tell the person once saved; the offer is the element to show.
 */
export function useBundleSaver(): [ReactNode, (file: FileHandle) => Promise<string>] {
  const api = useApi();
  const [offer, setOffer] = useState<Offer | null>(null);
  const saveBundle = useCallback(
    async (file: FileHandle) => {
      const { bytes: limit } = await api.call('bundles.partLimit', {});
      if (file.size <= limit) return api.save(file);
      return new Promise<string>((resolve, reject) => setOffer({ file, limit, done: (result) => void result.then(resolve, reject) }));
    },
    [api],
  );
  const choose = (result: () => Promise<string>) => {
    if (!offer) return;
    setOffer(null);
    offer.done(result());
  };
  const split = () =>
    choose(async () => {
      const parts = await api.call('bundles.split', { file: offer!.file });
      const where = await api.saveAll(parts);
      return `Gói dài ${sizeMb(offer!.file.size)} đã được chia thành ${parts.length} phần, mỗi phần không quá ${sizeMb(offer!.limit)}. ${where}\nGửi đủ cả ${parts.length} phần (mỗi thư một hoặc vài phần); nơi nhận chọn các phần để nhập, theo thứ tự nào cũng được, kể cả qua nhiều lần nhập. Một phần riêng lẻ không đọc được và không được nhận.`;
    });
  const element = offer && (
    <div className="confirm" role="alertdialog" aria-labelledby="mail-offer-title" aria-describedby="mail-offer-text">
      <strong id="mail-offer-title">Gói lớn hơn giới hạn gửi thư điện tử</strong>
      <span id="mail-offer-text">
        Gói {offer.file.name} dài {sizeMb(offer.file.size)}, lớn hơn giới hạn {sizeMb(offer.limit)} đặt cho máy này (mục “Đơn vị”). Có thể chia gói thành các phần đánh số, mỗi phần vừa một thư.
      </span>
      <div className="row">
        <button type="button" className="primary" onClick={split} autoFocus>
          Chia thành các phần
        </button>
        <button type="button" onClick={() => choose(() => api.save(offer.file))}>
          Lưu nguyên một tệp
        </button>
      </div>
    </div>
  );
  return [element, saveBundle];
}
